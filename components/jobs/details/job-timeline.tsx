"use client";

import { CheckCircle2, Circle, CircleDot, MinusCircle, XCircle } from "lucide-react";
import { useEffect, useState } from "react";
import { formatDuration } from "@/lib/format/duration";
import { formatClock, formatDateTime } from "@/lib/format/time";
import { cn } from "@/lib/utils/cn";
import { buildTimeline, type TimelineEvent, type TimelineJob, type TimelineStage } from "./timeline";

function StageIcon({ stage }: { stage: TimelineStage }) {
  const failed = stage.key === "finished" && stage.state === "done" && stage.label !== "Completed";
  const className = "size-5 shrink-0";
  if (stage.state === "current")
    return <CircleDot className={cn(className, "text-primary motion-safe:animate-pulse")} aria-hidden />;
  if (stage.state === "skipped")
    return <MinusCircle className={cn(className, "text-muted-foreground/60")} aria-hidden />;
  if (stage.state === "pending") return <Circle className={cn(className, "text-muted-foreground/50")} aria-hidden />;
  if (failed) return <XCircle className={cn(className, "text-destructive")} aria-hidden />;
  return <CheckCircle2 className={cn(className, "text-success")} aria-hidden />;
}

const STATE_TEXT: Record<TimelineStage["state"], string> = {
  done: "reached",
  current: "current stage",
  pending: "not reached yet",
  skipped: "skipped",
};

/** submitted → queued → running → finished, each with its time and how long until the next. */
export function JobTimeline({
  job,
  events,
  delayTimeMs,
  executionTimeMs,
}: {
  job: TimelineJob;
  events: TimelineEvent[];
  delayTimeMs: number | null;
  executionTimeMs: number | null;
}) {
  // The current stage's duration grows until the job finishes; a 1 s tick keeps it moving between updates.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (job.finished) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [job.finished]);
  const stages = buildTimeline(job, events, now);

  return (
    <div className="grid gap-4">
      <ol aria-label="Timeline" className="grid gap-0 sm:grid-cols-4">
        {stages.map((stage, index) => (
          <li
            key={stage.key}
            aria-current={stage.state === "current" ? "step" : undefined}
            aria-label={`${stage.label}: ${STATE_TEXT[stage.state]}`}
            className="relative flex gap-3 pb-4 sm:flex-col sm:gap-2 sm:pb-0"
          >
            <div className="flex flex-col items-center sm:flex-row">
              <StageIcon stage={stage} />
              {index < stages.length - 1 ? (
                <span
                  aria-hidden
                  className={cn(
                    "mt-1 w-px flex-1 sm:mt-0 sm:ml-1 sm:h-px sm:w-auto",
                    stage.at && stages[index + 1]?.at ? "bg-primary/50" : "bg-border",
                  )}
                />
              ) : null}
            </div>
            <div className="grid min-w-0 gap-0.5 pr-2 text-sm">
              <span className={cn("font-medium", stage.state === "pending" && "text-muted-foreground")}>
                {stage.label}
              </span>
              {stage.at ? (
                <time
                  dateTime={stage.at}
                  title={formatDateTime(stage.at)}
                  className="text-xs text-muted-foreground tabular-nums"
                  suppressHydrationWarning
                >
                  {formatClock(stage.at)}
                </time>
              ) : (
                <span className="text-xs text-muted-foreground">{stage.state === "skipped" ? "skipped" : "—"}</span>
              )}
              {stage.durationMs !== null ? (
                <span className="text-xs text-muted-foreground tabular-nums" suppressHydrationWarning>
                  {stage.state === "current" ? "for " : "+"}
                  {formatDuration(stage.durationMs)}
                </span>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      <dl className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
        <div className="flex gap-2">
          <dt className="text-muted-foreground">Delay time</dt>
          <dd className="font-medium tabular-nums">{formatDuration(delayTimeMs)}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-muted-foreground">Execution time</dt>
          <dd className="font-medium tabular-nums">{formatDuration(executionTimeMs)}</dd>
        </div>
      </dl>
      {events.length ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-muted-foreground hover:text-foreground">
            All status changes ({events.length})
          </summary>
          <ul className="mt-2 grid gap-1">
            {events.map((event, index) => (
              <li key={index} className="flex flex-wrap gap-x-3 text-xs">
                <time dateTime={event.at} className="text-muted-foreground tabular-nums" suppressHydrationWarning>
                  {formatDateTime(event.at)}
                </time>
                <span className="font-mono">{event.status}</span>
                {event.detail ? <span className="break-words text-muted-foreground">{event.detail}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
