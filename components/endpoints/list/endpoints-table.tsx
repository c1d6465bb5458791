import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { EndpointView } from "@/lib/endpoints/service";
import { EndpointStatusBadge } from "../status-badge";
import { CreatedAt, EndpointName, Gpu, Queue } from "./endpoint-cells";

/** One row per endpoint; the name links to its details page. Wide screens only; phones get `EndpointCards`. */
export function EndpointsTable({ views }: { views: EndpointView[] }) {
  return (
    <div className="hidden rounded-lg border bg-card sm:block">
      <Table aria-label="Endpoints">
        <TableHeader>
          <TableRow>
            <TableHead className="pl-4">Endpoint</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>GPU</TableHead>
            <TableHead>Workers</TableHead>
            <TableHead title="Jobs waiting / jobs being worked on">Queue / running</TableHead>
            <TableHead>Image</TableHead>
            <TableHead className="pr-4">Created</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {views.map((view) => {
            const { endpoint } = view;
            const { workers } = endpoint.spec;
            return (
              <TableRow key={endpoint.id} data-testid="endpoint-row">
                <TableCell className="pl-4">
                  <EndpointName view={view} className="focus-visible:underline" />
                </TableCell>
                <TableCell>
                  <EndpointStatusBadge status={endpoint.status} />
                </TableCell>
                <TableCell>
                  <Gpu view={view} />
                </TableCell>
                <TableCell>
                  <span className="tabular-nums">
                    {view.runningWorkers} / {endpoint.workers.length}
                  </span>
                  <div className="text-xs text-muted-foreground tabular-nums">
                    min {workers.min} – max {workers.max}
                  </div>
                </TableCell>
                <TableCell>
                  <Queue view={view} />
                </TableCell>
                <TableCell className="max-w-64 truncate font-mono text-xs" title={endpoint.spec.image.image}>
                  {endpoint.spec.image.image}
                </TableCell>
                <TableCell className="pr-4">
                  <CreatedAt iso={view.createdAt} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
