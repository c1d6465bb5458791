"use client";

import { ListChecks, SearchX } from "lucide-react";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { AddLinkButton } from "@/components/ui/add-link-button";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError, QueryLoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useEndpointNames } from "@/lib/hooks/use-endpoints";
import { useJobCounts, useJobList } from "@/lib/hooks/use-jobs";
import { formatTabCount } from "@/lib/jobs/tab-counts";
import { applySelection, keepLoaded } from "@/lib/jobs/selection";
import { JobFilters, JobStatusTabs } from "./jobs-filters";
import { JobRows } from "./job-rows";
import { SelectionBar } from "./selection-bar";
import { TrackJobDialog } from "./track-job-dialog";
import { useJobFilters } from "./use-job-filters";

export function SendJobButton() {
  return <AddLinkButton href="/jobs/new">Send job</AddLinkButton>;
}

/** The page header's buttons for operators and admins. */
export function JobsHeaderActions() {
  return (
    <>
      <TrackJobDialog />
      <SendJobButton />
    </>
  );
}

/** Selection that starts over whenever the filters change (hidden rows must not stay selected). */
function useSelection(filtersKey: string) {
  const [state, setState] = useState({ filtersKey, selected: new Set<string>(), anchorId: null as string | null });
  if (state.filtersKey !== filtersKey) setState({ filtersKey, selected: new Set(), anchorId: null });
  return [state, setState] as const;
}

export function JobsBrowser({ currentUserId, canOperate }: { currentUserId: string; canOperate: boolean }) {
  const filters = useJobFilters(currentUserId);
  const { params, baseFilters, listFilters, filtered, clearFilters } = filters;
  const list = useJobList(listFilters);
  const counts = useJobCounts(baseFilters);
  const endpoints = useEndpointNames();

  const jobs = useMemo(() => list.data?.pages.flatMap((page) => page.jobs) ?? [], [list.data]);
  const orderedIds = useMemo(() => jobs.map((job) => job.id), [jobs]);

  const { names } = endpoints;
  const endpointName = useCallback((id: string) => names.get(id) ?? id, [names]);
  const rowContext = useMemo(
    () => ({ endpointName, currentUserId, selectable: canOperate }),
    [endpointName, currentUserId, canOperate],
  );

  const [selection, setSelection] = useSelection(JSON.stringify(listFilters));
  const selected = useMemo(() => keepLoaded(selection.selected, orderedIds), [selection.selected, orderedIds]);
  const selectedJobs = useMemo(() => jobs.filter((job) => selected.has(job.id)), [jobs, selected]);
  const allSelected = jobs.length > 0 && selected.size === jobs.length;

  const onToggle = useCallback(
    (id: string, shift: boolean) =>
      setSelection((current) => ({
        ...current,
        ...applySelection(keepLoaded(current.selected, orderedIds), orderedIds, id, {
          shift,
          anchorId: current.anchorId,
        }),
      })),
    [orderedIds, setSelection],
  );
  const selectAll = () => setSelection((current) => ({ ...current, selected: new Set(orderedIds) }));
  const clear = useCallback(
    () => setSelection((current) => ({ ...current, selected: new Set(), anchorId: null })),
    [setSelection],
  );

  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  const total = params.group ? counts.data?.[params.group] : counts.data?.all;

  let body;
  if (list.isPending) {
    body = (
      <div className="grid gap-2" aria-label="Loading jobs" role="status">
        {Array.from({ length: 6 }, (_, index) => (
          <Skeleton key={index} className="h-11" />
        ))}
      </div>
    );
  } else if (list.isError && jobs.length === 0) {
    body = <QueryLoadError what="jobs" query={list} />;
  } else if (jobs.length === 0) {
    body =
      filtered || params.group ? (
        <EmptyState
          icon={SearchX}
          title="No job matches"
          description="Nothing matches these filters. Try another status tab, widen the dates or clear the search."
          action={
            filtered ? (
              <Button variant="outline" onClick={clearFilters}>
                Clear filters
              </Button>
            ) : undefined
          }
        />
      ) : (
        <EmptyState
          icon={ListChecks}
          title="No jobs yet"
          description={
            <>
              Send one from an endpoint or{" "}
              <Link href="/jobs/new" className="font-medium underline underline-offset-4">
                /jobs/new
              </Link>
              . Every job the console sends shows up here live, and stays with its input, timeline and output.
            </>
          }
          action={canOperate ? <SendJobButton /> : undefined}
        />
      );
  } else {
    body = (
      <>
        <JobRows
          jobs={jobs}
          context={rowContext}
          selected={selected}
          allSelected={allSelected}
          someSelected={selected.size > 0}
          onToggle={onToggle}
          onToggleAll={allSelected ? clear : selectAll}
          onNearEnd={loadMore}
        />
        {list.isFetchNextPageError ? (
          <LoadError
            what="more jobs"
            message={list.error?.message ?? "unknown error"}
            onRetry={() => void fetchNextPage()}
            retrying={isFetchingNextPage}
          />
        ) : null}
        <div className="flex flex-col items-center gap-2 py-2 text-sm text-muted-foreground">
          <p aria-live="polite">
            {jobs.length.toLocaleString()} {total !== undefined ? `of ${formatTabCount(total)} ` : ""}
            job{(total?.count ?? jobs.length) === 1 && !total?.more ? "" : "s"} loaded
          </p>
          {hasNextPage ? (
            <Button
              variant="outline"
              onClick={() => void fetchNextPage()}
              loading={isFetchingNextPage}
              disabled={isError && !list.isFetchNextPageError}
            >
              Load more
            </Button>
          ) : null}
        </div>
      </>
    );
  }

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
      <JobStatusTabs group={params.group} counts={counts.data} onChange={(group) => filters.setFilters({ group })} />
      <JobFilters filters={filters} endpoints={endpoints.options} />
      {counts.isError && !counts.data ? <QueryLoadError what="the counts" query={counts} /> : null}
      {canOperate && jobs.length > 0 ? (
        <SelectionBar selectedJobs={selectedJobs} loadedCount={jobs.length} onSelectAll={selectAll} onClear={clear} />
      ) : null}
      {body}
    </div>
  );
}
