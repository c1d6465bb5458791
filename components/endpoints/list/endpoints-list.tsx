"use client";

import { Plus, SearchX, Server } from "lucide-react";
import Link from "next/link";
import { parseAsString, parseAsStringLiteral } from "nuqs";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { QueryLoadError } from "@/components/ui/load-error";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { filterEndpoints, parseStatusFilter, STATUS_FILTERS } from "@/lib/endpoints/filter";
import type { EndpointView } from "@/lib/endpoints/service";
import { useEndpoints } from "@/lib/hooks/use-endpoints";
import { useListFilters } from "@/lib/hooks/use-list-filters";
import { EndpointCards } from "./endpoint-cards";
import { EndpointsTable } from "./endpoints-table";

/** `?q=&status=`: the list is filtered in the browser, so the search applies as it is typed. */
const endpointFilterParsers = {
  q: parseAsString.withDefault(""),
  status: parseAsStringLiteral(STATUS_FILTERS.map((filter) => filter.value)).withDefault("all"),
};
const CLEARABLE = ["q", "status"] as const;

const NO_ENDPOINTS_ADMIN =
  "An endpoint runs your image on serverless GPU workers that scale with the queue. " +
  "Start from a ComfyUI template or your own image.";
const NO_ENDPOINTS =
  "An endpoint runs an image on serverless GPU workers. Ask an administrator to create one; it will show up here.";

function CreateEndpointButton() {
  return (
    <Button asChild>
      <Link href="/endpoints/new">
        <Plus aria-hidden /> Create endpoint
      </Link>
    </Button>
  );
}

export function EndpointsList({
  initialData,
  canCreate,
}: {
  initialData: EndpointView[] | undefined;
  canCreate: boolean;
}) {
  const endpoints = useEndpoints(initialData);
  const { data, error, isPending } = endpoints;
  const { params, setFilters } = useListFilters(endpointFilterParsers, CLEARABLE);
  const views = data ?? [];
  const shown = filterEndpoints(views, params.q, params.status);

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
      {error ? <QueryLoadError what="endpoints" query={endpoints} /> : null}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <Input
          type="search"
          aria-label="Search endpoints by name or id"
          placeholder="Search by name or id"
          value={params.q}
          onChange={(event) => setFilters({ q: event.target.value })}
          className="sm:max-w-xs"
        />
        <Select value={params.status} onValueChange={(status) => setFilters({ status: parseStatusFilter(status) })}>
          <SelectTrigger aria-label="Filter by status" className="w-full sm:w-48">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {STATUS_FILTERS.map((filter) => (
              <SelectItem key={filter.value} value={filter.value}>
                {filter.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        {data ? (
          <p className="text-sm text-muted-foreground sm:ml-auto" aria-live="polite">
            {shown.length === views.length
              ? `${views.length} endpoint${views.length === 1 ? "" : "s"}`
              : `${shown.length} of ${views.length} endpoints`}
          </p>
        ) : null}
      </div>
      {isPending ? (
        <div className="grid gap-2" aria-label="Loading endpoints">
          <Skeleton className="h-12" />
          <Skeleton className="h-12" />
          <Skeleton className="h-12" />
        </div>
      ) : views.length === 0 && !error ? (
        <EmptyState
          icon={Server}
          title="No endpoints yet"
          description={canCreate ? NO_ENDPOINTS_ADMIN : NO_ENDPOINTS}
          action={canCreate ? <CreateEndpointButton /> : undefined}
        />
      ) : shown.length === 0 && views.length > 0 ? (
        <EmptyState
          icon={SearchX}
          title="No endpoint matches"
          description="Nothing matches this search and status. Clear the search or pick another status."
        />
      ) : shown.length > 0 ? (
        <>
          <EndpointsTable views={shown} />
          <EndpointCards views={shown} />
        </>
      ) : null}
    </div>
  );
}

export { CreateEndpointButton };
