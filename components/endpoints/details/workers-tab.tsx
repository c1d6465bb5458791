import { Cpu } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { HeadedTable } from "@/components/ui/headed-table";
import { TableCell, TableRow } from "@/components/ui/table";
import type { EndpointWorker } from "@/lib/novita/types";

function isUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function WorkerStateBadge({ worker }: { worker: EndpointWorker }) {
  const state = worker.status.state || "unknown";
  const variant = state === "running" ? "success" : state === "starting" ? "warning" : "destructive";
  const detail = [worker.status.error, worker.status.message].filter(Boolean).join(": ");
  return (
    <Badge variant={variant} className="capitalize" title={detail || state}>
      {state}
    </Badge>
  );
}

export function WorkersTab({ workers, minWorkers }: { workers: EndpointWorker[]; minWorkers: number }) {
  if (workers.length === 0) {
    return (
      <EmptyState
        icon={Cpu}
        title="No workers running"
        description={
          minWorkers === 0
            ? "With min 0 workers they start when jobs arrive."
            : `The minimum is ${minWorkers}, so workers should be starting; they appear here within moments.`
        }
      />
    );
  }
  return (
    <div className="rounded-lg border bg-card">
      <HeadedTable
        label="Workers"
        columns={[
          { label: "Worker", className: "pl-4" },
          { label: "State" },
          { label: "Healthy" },
          { label: "Log", className: "pr-4" },
        ]}
      >
        {workers.map((worker) => (
          <TableRow key={worker.id}>
            <TableCell className="pl-4 font-mono text-xs">{worker.id}</TableCell>
            <TableCell>
              <WorkerStateBadge worker={worker} />
            </TableCell>
            <TableCell>{worker.healthy ? "Yes" : "No"}</TableCell>
            <TableCell className="pr-4">
              {isUrl(worker.log) ? (
                <a
                  href={worker.log}
                  target="_blank"
                  rel="noreferrer"
                  className="text-primary underline-offset-4 hover:underline"
                >
                  Open log<span className="sr-only"> of worker {worker.id}</span>
                </a>
              ) : (
                <span className="text-muted-foreground">—</span>
              )}
            </TableCell>
          </TableRow>
        ))}
      </HeadedTable>
    </div>
  );
}
