import { Clock, Server, Workflow } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { formatRelative } from "@/lib/format/time";
import { cn } from "@/lib/utils/cn";
import type { WorkflowListItem } from "@/lib/workflows/service";

/** The library: one card per workflow with its version, default endpoint and last run. */
export function WorkflowLibrary({
  items,
  endpointNames,
  canEdit,
}: {
  items: WorkflowListItem[];
  endpointNames: Record<string, string>;
  canEdit: boolean;
}) {
  if (items.length === 0) {
    return (
      <EmptyState
        icon={Workflow}
        title="No workflows yet"
        description={
          canEdit
            ? "Import a ComfyUI workflow (API format) above to get a form for its prompts, seeds and sizes, " +
              "and run it on an endpoint."
            : "An operator can import ComfyUI workflows here; you will then see their forms and results."
        }
      />
    );
  }
  return (
    <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" aria-label="Workflows">
      {items.map((item) => {
        const endpoint = item.defaultEndpointId
          ? (endpointNames[item.defaultEndpointId] ?? item.defaultEndpointId)
          : null;
        const runs = `${item.runCount} ${item.runCount === 1 ? "run" : "runs"}`;
        return (
          <li key={item.id} className="min-w-0">
            <Link
              href={`/workflows/${item.id}`}
              className={cn(
                "grid h-full gap-2 rounded-xl border bg-card p-4 transition-colors hover:bg-accent/50",
                "focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
              )}
            >
              <span className="flex items-start justify-between gap-2">
                <span className="min-w-0 truncate font-medium">{item.name}</span>
                <Badge
                  variant="secondary"
                  className="shrink-0 tabular-nums"
                  aria-label={`version ${item.latestVersion}`}
                >
                  v{item.latestVersion}
                </Badge>
              </span>
              <span className="line-clamp-2 min-h-10 text-sm break-words text-muted-foreground">
                {item.description || "No description."}
              </span>
              <span className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground">
                <span>{item.nodeCount} nodes</span>
                <span className="flex min-w-0 items-center gap-1">
                  <Server className="size-3 shrink-0" aria-hidden />
                  <span className="truncate">{endpoint ? `Runs on ${endpoint}` : "No default endpoint"}</span>
                </span>
                <span className="flex items-center gap-1">
                  <Clock className="size-3 shrink-0" aria-hidden />
                  {item.lastRunAt ? `Last run ${formatRelative(item.lastRunAt)} · ${runs}` : "Never run"}
                </span>
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
