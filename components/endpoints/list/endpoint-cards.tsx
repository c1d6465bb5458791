import type { EndpointView } from "@/lib/endpoints/service";
import { EndpointStatusBadge } from "../status-badge";
import { CreatedAt, EndpointName, Gpu, Queue } from "./endpoint-cells";

/** The list on phones: one card per endpoint with the same facts as the table's row. */
export function EndpointCards({ views }: { views: EndpointView[] }) {
  return (
    <ul className="grid gap-3 sm:hidden" aria-label="Endpoints">
      {views.map((view) => {
        const { endpoint } = view;
        const { workers } = endpoint.spec;
        return (
          <li key={endpoint.id} className="grid gap-2 rounded-lg border bg-card p-4 text-sm">
            <div className="flex items-start justify-between gap-2">
              <EndpointName view={view} className="break-all" />
              <EndpointStatusBadge status={endpoint.status} />
            </div>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs">
              <dt className="text-muted-foreground">GPU</dt>
              <dd>
                <Gpu view={view} />
              </dd>
              <dt className="text-muted-foreground">Workers</dt>
              <dd className="tabular-nums">
                {view.runningWorkers} / {endpoint.workers.length} (min {workers.min} – max {workers.max})
              </dd>
              <dt className="text-muted-foreground">Queue / running</dt>
              <dd>
                <Queue view={view} />
              </dd>
              <dt className="text-muted-foreground">Image</dt>
              <dd className="truncate font-mono" title={endpoint.spec.image.image}>
                {endpoint.spec.image.image}
              </dd>
              <dt className="text-muted-foreground">Created</dt>
              <dd>
                <CreatedAt iso={view.createdAt} />
              </dd>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
