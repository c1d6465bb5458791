import Link from "next/link";
import { shortId } from "@/lib/format/ids";
import { cn } from "@/lib/utils/cn";
import type { RecordedInputs } from "@/lib/workflows/schema";
import type { RunView } from "@/lib/workflows/service";

/** A run's prompt and seed in a few words. */
function summarise(inputs: RecordedInputs): string {
  const entries = Object.entries(inputs.values);
  const prompt = ["text", "clip_l", "t5xxl", "text_g"]
    .map((input) => entries.find(([path]) => path.endsWith(`.inputs.${input}`))?.[1])
    .find((value) => value !== undefined);
  const seed = entries.find(([path]) => /\.inputs\.(noise_)?seed$/.test(path))?.[1];
  const parts = [prompt ? `“${String(prompt)}”` : null, seed !== undefined ? `seed ${seed}` : null];
  return parts.filter(Boolean).join(" · ") || "workflow's own values";
}

/** A workflow's latest runs: each opens its job or loads its inputs into the form (`?from=`). */
export function RecentRuns({ workflowId, runs }: { workflowId: string; runs: RunView[] }) {
  if (runs.length === 0) return <p className="text-sm text-muted-foreground">No runs yet.</p>;
  return (
    <ul className="grid gap-1 text-sm" aria-label="Recent runs">
      {runs.map((entry) => (
        <li
          key={entry.jobId}
          className={cn(
            "grid grid-cols-[auto_auto_minmax(0,1fr)] items-center gap-x-3 gap-y-1 rounded-md px-2 py-1.5",
            "odd:bg-muted/40 sm:grid-cols-[auto_auto_minmax(0,1fr)_auto]",
          )}
        >
          <Link href={`/jobs/${entry.jobId}`} className="font-mono underline-offset-4 hover:underline">
            {shortId(entry.jobId)}
          </Link>
          <span className="text-xs text-muted-foreground">v{entry.version}</span>
          <span className="min-w-0 truncate text-xs text-muted-foreground">{summarise(entry.inputs)}</span>
          <Link
            href={`/workflows/${workflowId}?from=${entry.jobId}`}
            className="text-xs font-medium underline-offset-4 hover:underline"
          >
            Use these inputs
          </Link>
        </li>
      ))}
    </ul>
  );
}
