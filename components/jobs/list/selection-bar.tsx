"use client";

import { Ban, RotateCcw, X } from "lucide-react";
import { useState } from "react";
import { toast } from "@/components/ui/toaster";
import { Button } from "@/components/ui/button";
import { ok, type ActionResult } from "@/lib/actions/result";
import { shortId } from "@/lib/format/ids";
import { useAction } from "@/lib/hooks/use-action";
import { cancelJobsAction, resubmitJobAction } from "@/lib/jobs/actions";
import type { JobSummary } from "@/lib/jobs/summary";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

type Skipped = { id: string; reason: string }[];

/** One at a time: server actions from one page run in sequence anyway, and Novita sees a steady trickle. */
async function resubmitEach(ids: string[]): Promise<ActionResult<{ sent: number; failures: Skipped }>> {
  let sent = 0;
  const failures: Skipped = [];
  for (const id of ids) {
    const result = await resubmitJobAction({ id });
    if (result.ok) sent += 1;
    else failures.push({ id, reason: result.error.message });
  }
  return ok({ sent, failures });
}

/** Bulk actions on the selected jobs (operators and admins). What the server skipped stays listed with its reason. */
export function SelectionBar({
  selectedJobs,
  loadedCount,
  onSelectAll,
  onClear,
}: {
  selectedJobs: JobSummary[];
  loadedCount: number;
  onSelectAll: () => void;
  onClear: () => void;
}) {
  const [skipped, setSkipped] = useState<Skipped>([]);
  const unfinished = selectedJobs.filter((job) => !job.finished);
  const count = selectedJobs.length;
  const ids = selectedJobs.map((job) => job.id);

  const cancel = useAction(cancelJobsAction, {
    onSuccess: ({ cancelled, skipped: notCancelled }) => {
      setSkipped(notCancelled);
      if (cancelled.length)
        toast.success(`Cancelling ${plural(cancelled.length, "job")}`, {
          description: "Their status updates here as Novita confirms.",
        });
      if (notCancelled.length)
        toast.warning(`${plural(notCancelled.length, "job")} not cancelled`, {
          description: "See the reasons above the list.",
        });
      onClear();
    },
    onError: (error) => toast.error("Could not cancel the jobs", { description: error.message }),
  });

  const resubmit = useAction(resubmitEach, {
    onSuccess: ({ sent, failures }) => {
      setSkipped(failures);
      if (sent)
        toast.success(`Resubmitted ${plural(sent, "job")}`, {
          description: "The new jobs are at the top of the list.",
        });
      if (failures.length)
        toast.error(`${plural(failures.length, "job")} not resubmitted`, {
          description: "See the reasons above the list.",
        });
      onClear();
    },
    onError: (error) => toast.error("Could not resubmit the jobs", { description: error.message }),
  });
  const pending = cancel.pending || resubmit.pending;

  return (
    <div className="grid gap-2">
      <div
        role="toolbar"
        aria-label="Selected jobs"
        className="flex min-h-12 flex-wrap items-center gap-2 rounded-lg border bg-card px-3 py-2 text-sm"
      >
        {count ? (
          <span className="font-medium" aria-live="polite">
            {plural(count, "job")} selected
          </span>
        ) : (
          <span className="text-muted-foreground">
            Select jobs to cancel or resubmit them together; shift-click selects a range.
          </span>
        )}
        <Button variant="ghost" size="sm" onClick={onSelectAll} disabled={!loadedCount || count === loadedCount}>
          Select all loaded ({loadedCount.toLocaleString()})
        </Button>
        {count ? (
          <div className="flex flex-wrap items-center gap-2 sm:ml-auto">
            <Button
              variant="destructive"
              size="sm"
              onClick={() => void cancel.run({ ids })}
              loading={cancel.pending}
              disabled={pending || unfinished.length === 0}
              title={unfinished.length === 0 ? "Only queued or running jobs can be cancelled." : undefined}
            >
              <Ban aria-hidden /> Cancel selected
              {unfinished.length !== count ? ` (${unfinished.length} cancellable)` : ""}
            </Button>
            <Button
              variant="outline"
              size="sm"
              onClick={() => {
                setSkipped([]);
                void resubmit.run(ids);
              }}
              loading={resubmit.pending}
              disabled={pending}
            >
              <RotateCcw aria-hidden /> Resubmit selected
            </Button>
            <Button variant="ghost" size="sm" onClick={onClear} disabled={pending}>
              <X aria-hidden /> Clear
            </Button>
          </div>
        ) : null}
      </div>
      {skipped.length ? (
        <div role="alert" className="grid gap-1 rounded-lg border border-warning/50 bg-warning/10 px-3 py-2 text-sm">
          <div className="flex items-center justify-between gap-2">
            <p className="font-medium">{plural(skipped.length, "job")} skipped</p>
            <Button variant="ghost" size="sm" onClick={() => setSkipped([])} aria-label="Dismiss skipped jobs">
              <X aria-hidden />
            </Button>
          </div>
          <ul className="grid gap-0.5">
            {skipped.map((item) => (
              <li key={item.id}>
                <span className="font-mono">{shortId(item.id)}</span>: {item.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
