"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { Copy, FileOutput } from "lucide-react";
import Link from "next/link";
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import { toast } from "@/components/ui/toaster";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { formatDuration } from "@/lib/format/duration";
import { shortId } from "@/lib/format/ids";
import { formatDateTime, formatRelative } from "@/lib/format/time";
import type { JobSummary } from "@/lib/jobs/summary";
import { cn } from "@/lib/utils/cn";

/** Desktop columns; below `md` a row stacks into a small card and the header row is hidden. */
const COLUMNS =
  "md:grid md:grid-cols-[2rem_7.5rem_minmax(0,1fr)_8.5rem_6.5rem_7rem_5rem_5rem_2rem] md:items-center md:gap-3";
const COLUMNS_NO_SELECT =
  "md:grid md:grid-cols-[7.5rem_minmax(0,1fr)_8.5rem_6.5rem_7rem_5rem_5rem_2rem] md:items-center md:gap-3";

export interface RowContext {
  endpointName: (id: string) => string;
  currentUserId: string;
  selectable: boolean;
  now: number;
}

function submitterLabel(submittedBy: string | null, currentUserId: string): string {
  if (!submittedBy) return "—";
  return submittedBy === currentUserId ? "You" : "Another member";
}

async function copyId(event: MouseEvent, id: string) {
  event.preventDefault();
  try {
    await navigator.clipboard.writeText(id);
    toast.success("Job id copied", { description: id });
  } catch {
    toast.error("Could not copy: the browser refused clipboard access.", { description: id });
  }
}

const JobRow = memo(function JobRow({
  job,
  rowIndex,
  context,
  selected,
  onToggle,
}: {
  job: JobSummary;
  rowIndex: number;
  context: RowContext;
  selected: boolean;
  onToggle: (id: string, shift: boolean) => void;
}) {
  const endpoint = context.endpointName(job.endpointId);
  const when = formatRelative(job.submittedAt, context.now);
  const exact = formatDateTime(job.submittedAt);
  const by = submitterLabel(job.submittedBy, context.currentUserId);
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      data-testid="job-row"
      data-job-id={job.id}
      className={cn(
        "relative grid items-center gap-x-3 gap-y-1 border-b px-3 py-2.5 text-sm hover:bg-muted/50",
        context.selectable
          ? `grid-cols-[auto_minmax(0,1fr)_auto] ${COLUMNS}`
          : `grid-cols-[minmax(0,1fr)_auto] ${COLUMNS_NO_SELECT}`,
        selected && "bg-primary/5 hover:bg-primary/10",
      )}
    >
      {context.selectable ? (
        <div role="cell" className="relative z-10 row-span-2 flex items-center md:row-span-1">
          <input
            type="checkbox"
            className="size-4 cursor-pointer accent-primary"
            checked={selected}
            aria-label={`Select job ${shortId(job.id)}`}
            onChange={() => {}}
            onClick={(event) => onToggle(job.id, event.shiftKey)}
          />
        </div>
      ) : null}
      <div role="cell" className="flex min-w-0 items-center gap-1">
        {/* The id link stretches over the whole row (after:inset-0); checkbox and copy sit above it. */}
        <Link
          href={`/jobs/${encodeURIComponent(job.id)}`}
          className={cn(
            "font-mono text-[13px] font-medium after:absolute after:inset-0 hover:underline",
            "focus-visible:outline-none",
            "focus-visible:after:rounded-sm focus-visible:after:ring-2 focus-visible:after:ring-ring",
          )}
          title={job.id}
          aria-label={`Job ${shortId(job.id)} on ${endpoint}`}
        >
          {shortId(job.id)}
        </Link>
        <button
          type="button"
          className={cn(
            "relative z-10 rounded p-1 text-muted-foreground hover:bg-accent hover:text-foreground",
            "focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
          )}
          aria-label={`Copy job id ${job.id}`}
          title="Copy the full job id"
          onClick={(event) => void copyId(event, job.id)}
        >
          <Copy className="size-3.5" aria-hidden />
        </button>
      </div>
      <div role="cell" className="hidden min-w-0 truncate md:block" title={job.endpointId}>
        {endpoint}
      </div>
      <div role="cell" className="flex items-center justify-end gap-2 md:justify-start">
        <JobStatusBadge status={job.status} />
        {/* Mobile keeps the output mark next to the status. */}
        {job.hasOutput ? (
          <FileOutput className="size-4 text-muted-foreground md:hidden" aria-label="Has output" />
        ) : null}
      </div>
      <div role="cell" className="hidden truncate text-muted-foreground md:block">
        {by}
      </div>
      <div role="cell" className="hidden text-muted-foreground md:block">
        <time dateTime={job.submittedAt} title={exact}>
          {when}
        </time>
      </div>
      <div
        role="cell"
        className="hidden text-right text-muted-foreground tabular-nums md:block"
        title="Queue delay: from queued to started"
      >
        {formatDuration(job.delayTimeMs)}
      </div>
      <div role="cell" className="hidden text-right text-muted-foreground tabular-nums md:block" title="Execution time">
        {formatDuration(job.executionTimeMs)}
      </div>
      <div role="cell" className="hidden justify-center md:flex">
        {/*
          The list summary only says whether there is an output (hasOutput), and rows must not fetch anything each:
          a generic mark here; real image thumbnails come with the gallery work (archived outputs + sharp thumbs).
        */}
        {job.hasOutput ? <FileOutput className="size-4 text-muted-foreground" aria-label="Has output" /> : null}
      </div>
      {/* Below md: endpoint, when, who and timings on a second line. */}
      <div
        role="cell"
        className="col-span-2 flex min-w-0 flex-wrap items-center gap-x-2 text-xs text-muted-foreground md:hidden"
      >
        <span className="max-w-[12rem] truncate font-medium text-foreground">{endpoint}</span>
        <span aria-hidden>·</span>
        <time dateTime={job.submittedAt} title={exact}>
          {when}
        </time>
        <span aria-hidden>·</span>
        <span>{by}</span>
        {job.delayTimeMs !== null ? <span>· queued {formatDuration(job.delayTimeMs)}</span> : null}
        {job.executionTimeMs !== null ? <span>· ran {formatDuration(job.executionTimeMs)}</span> : null}
      </div>
    </div>
  );
});

/** Re-renders rows every 30 s so "2 min ago" stays true. */
function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * The rows, virtualized against the window's scroll (the page scrolls, not a box): only what is on screen plus a
 * margin is in the DOM, so thousands of loaded jobs stay smooth. Nearing the end asks for the next page.
 */
export function JobRows({
  jobs,
  context,
  selected,
  allSelected,
  someSelected,
  onToggle,
  onToggleAll,
  onNearEnd,
}: {
  jobs: JobSummary[];
  context: Omit<RowContext, "now">;
  selected: ReadonlySet<string>;
  allSelected: boolean;
  someSelected: boolean;
  onToggle: (id: string, shift: boolean) => void;
  onToggleAll: () => void;
  onNearEnd: () => void;
}) {
  const now = useNow();
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const selectAllRef = useRef<HTMLInputElement>(null);

  useLayoutEffect(() => {
    const measure = () => setScrollMargin((listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = someSelected && !allSelected;
  }, [someSelected, allSelected]);

  const virtualizer = useWindowVirtualizer({
    count: jobs.length,
    estimateSize: () => 52,
    overscan: 12,
    scrollMargin,
    getItemKey: (index) => jobs[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (lastIndex >= jobs.length - 15) onNearEnd();
  }, [lastIndex, jobs.length, onNearEnd]);

  const rowContext = useMemo<RowContext>(() => ({ ...context, now }), [context, now]);

  return (
    <div
      role="table"
      aria-label="Jobs"
      aria-rowcount={jobs.length + 1}
      className="overflow-hidden rounded-lg border bg-card"
    >
      <div role="rowgroup">
        <div
          role="row"
          className={cn(
            "hidden border-b bg-muted/40 px-3 py-2 text-xs font-medium text-muted-foreground",
            context.selectable ? COLUMNS : COLUMNS_NO_SELECT,
          )}
        >
          {context.selectable ? (
            <div role="columnheader" className="flex items-center">
              <input
                ref={selectAllRef}
                type="checkbox"
                className="size-4 cursor-pointer accent-primary"
                checked={allSelected}
                onChange={onToggleAll}
                aria-label="Select all loaded jobs"
                title="Select all loaded jobs"
              />
            </div>
          ) : null}
          <div role="columnheader">Job</div>
          <div role="columnheader">Endpoint</div>
          <div role="columnheader">Status</div>
          <div role="columnheader">Submitted by</div>
          <div role="columnheader">When</div>
          <div role="columnheader" className="text-right">
            Queue
          </div>
          <div role="columnheader" className="text-right">
            Run
          </div>
          <div role="columnheader" className="text-center">
            <span className="sr-only">Output</span>
            <FileOutput className="mx-auto size-3.5" aria-hidden />
          </div>
        </div>
      </div>
      {/* -mb-px tucks the last row's bottom border under the frame's, so the edge is one line. */}
      <div role="rowgroup" ref={listRef} className="relative -mb-px" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const job = jobs[item.index];
          if (!job) return null;
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="absolute top-0 left-0 w-full"
              style={{ transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
            >
              <JobRow
                job={job}
                rowIndex={item.index + 2}
                context={rowContext}
                selected={selected.has(job.id)}
                onToggle={onToggle}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
