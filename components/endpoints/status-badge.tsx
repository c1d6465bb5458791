import { Badge } from "@/components/ui/badge";
import { endpointStatusGroup } from "@/lib/endpoints/filter";
import type { EndpointStatus } from "@/lib/novita/types";

const VARIANT = { serving: "success", starting: "warning", other: "destructive" } as const;

function describeStatus(status: EndpointStatus): string {
  const detail = [status.error, status.message].filter(Boolean).join(": ");
  return detail ? `${status.state}: ${detail}` : status.state;
}

/** The endpoint's state; Novita's error code and message show on hover (and to screen readers). */
export function EndpointStatusBadge({ status }: { status: EndpointStatus }) {
  const group = endpointStatusGroup(status.state);
  const description = describeStatus(status);
  return (
    <Badge variant={VARIANT[group]} title={description} aria-label={`Status: ${description}`} className="capitalize">
      <span className="size-1.5 rounded-full bg-current" aria-hidden />
      {status.state || "unknown"}
    </Badge>
  );
}
