"use client";

import { Ban, RotateCcw, X } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { cancelJobsAction, resubmitJobAction } from "@/lib/jobs/actions";
import { Button } from "@/components/ui/button";
import { shortId } from "@/lib/format/ids";
import type { JobSummary } from "@/lib/jobs/summary";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

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
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<"cancel" | "resubmit" | null>(null);
  const [skipped, setSkipped] = useState<{ id: string; reason: string }[]>([]);
  const unfinished = selectedJobs.filter((job) => !job.finished);
  const count = selectedJobs.length;

  const cancel = () => {
    setBusy("cancel");
    startTransition(async () => {
      const result = await cancelJobsAction({ ids: selectedJobs.map((job) => job.id) });
      setBusy(null);
      if (!result.ok) {
        toast.error("Could not cancel the jobs", { description: result.error.message });
        return;
      }
      const { cancelled, skipped: notCancelled } = result.data;
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
    });
  };

  const resubmit = () => {
    setBusy("resubmit");
    setSkipped([]);
    startTransition(async () => {
      let sent = 0;
      const failures: { id: string; reason: string }[] = [];
      // One at a time: server actions from one page run in sequence anyway, and Novita sees a steady trickle.
      for (const job of selectedJobs) {
        const result = await resubmitJobAction({ id: job.id });
        if (result.ok) sent += 1;
        else failures.push({ id: job.id, reason: result.error.message });
      }
      setBusy(null);
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
    });
  };

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
              onClick={cancel}
              loading={pending && busy === "cancel"}
              disabled={pending || unfinished.length === 0}
              title={unfinished.length === 0 ? "Only queued or running jobs can be cancelled." : undefined}
            >
              <Ban aria-hidden /> Cancel selected
              {unfinished.length !== count ? ` (${unfinished.length} cancellable)` : ""}
            </Button>
            <Button
              variant="outline"
              size="sm"
              onClick={resubmit}
              loading={pending && busy === "resubmit"}
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
