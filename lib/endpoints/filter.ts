/** The list's search and status filter, as kept in the URL (`?q=&status=`). Browser-safe, pure. */
import type { EndpointView } from "./service";
import { endpointStatusGroup, type EndpointStatusGroup } from "./states";

export { endpointStatusGroup, type EndpointStatusGroup };

export type StatusFilter = "all" | EndpointStatusGroup;
export const STATUS_FILTERS: { value: StatusFilter; label: string }[] = [
  { value: "all", label: "All statuses" },
  { value: "serving", label: "Serving" },
  { value: "starting", label: "Starting" },
  { value: "other", label: "Failed or other" },
];

export function parseStatusFilter(value: string | null): StatusFilter {
  return STATUS_FILTERS.some((filter) => filter.value === value) ? (value as StatusFilter) : "all";
}

export function filterEndpoints(views: readonly EndpointView[], query: string, status: StatusFilter): EndpointView[] {
  const needle = query.trim().toLowerCase();
  return views.filter(({ endpoint }) => {
    if (status !== "all" && endpointStatusGroup(endpoint.status.state) !== status) return false;
    if (!needle) return true;
    return endpoint.spec.name.toLowerCase().includes(needle) || endpoint.id.toLowerCase().includes(needle);
  });
}
