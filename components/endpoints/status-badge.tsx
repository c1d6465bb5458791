import { Badge } from "@/components/ui/badge";
import { describeEndpointState } from "@/lib/endpoints/states";
import type { EndpointStatus } from "@/lib/novita/types";

/**
 * The endpoint's state in plain words; Novita's own state, error code and message show on hover (and to screen
 * readers).
 */
export function EndpointStatusBadge({ status }: { status: EndpointStatus }) {
  const state = describeEndpointState(status.state);
  const detail = [status.error, status.message].filter(Boolean).join(": ");
  const description = `${state.label}${detail ? ` — ${detail}` : ""}`;
  return (
    <Badge
      variant={state.tone}
      title={`${state.meaning}${detail ? ` ${detail}` : ""} (Novita: ${status.state || "no state"})`}
      aria-label={`Status: ${description}`}
    >
      <span className="size-1.5 rounded-full bg-current" aria-hidden />
      {state.label}
    </Badge>
  );
}
