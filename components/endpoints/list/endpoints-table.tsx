import { HeadedTable, type TableColumn } from "@/components/ui/headed-table";
import { TableCell, TableRow } from "@/components/ui/table";
import type { EndpointView } from "@/lib/endpoints/service";
import { EndpointStatusBadge } from "../status-badge";
import { CreatedAt, EndpointName, Gpu, Queue } from "./endpoint-cells";

const COLUMNS: TableColumn[] = [
  { label: "Endpoint", className: "pl-4" },
  { label: "Status" },
  { label: "GPU" },
  { label: "Workers" },
  { label: "Queue / running", title: "Jobs waiting / jobs being worked on" },
  { label: "Image" },
  { label: "Created", className: "pr-4" },
];

/** One row per endpoint; the name links to its details page. Wide screens only; phones get `EndpointCards`. */
export function EndpointsTable({ views }: { views: EndpointView[] }) {
  return (
    <div className="hidden rounded-lg border bg-card sm:block">
      <HeadedTable label="Endpoints" columns={COLUMNS}>
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
      </HeadedTable>
    </div>
  );
}
