"use client";

/**
 * The jobs cache as the live events write into it (lib/hooks/use-live-events.ts, with every page's shell): its keys
 * and writers, without the list hooks of lib/hooks/use-jobs.ts, which re-exports them.
 */
import type { InfiniteData, QueryClient, QueryKey } from "@tanstack/react-query";
import type { JobDetails } from "@/lib/jobs/details";
import type { JobListFilters } from "@/lib/jobs/query";
import { jobStatusGroup } from "@/lib/jobs/status";
import type { JobSummary } from "@/lib/jobs/summary";
import type { WireTabCounts } from "@/lib/jobs/tab-counts";

export interface JobListPage extends WireTabCounts {
  jobs: JobSummary[];
  next: string | null;
}

/** Every jobs query lives under `["jobs"]`, so one invalidation refreshes lists and counts together. */
export const JOBS_QUERY_KEY = ["jobs"] as const;
export const jobListQueryKey = (filters: JobListFilters) => ["jobs", "list", filters] as const;
export const jobCountsQueryKey = (filters: Omit<JobListFilters, "group">) => ["jobs", "counts", filters] as const;
export const jobQueryKey = (id: string) => ["job", id] as const;

/**
 * Whether a job belongs in a list with these filters, judged in the browser. Text search is not judged here (the
 * database searches inside inputs the browser does not have), so searched lists wait for a refetch.
 */
export function jobMatchesFilters(job: JobSummary, filters: JobListFilters): boolean {
  if (filters.q) return false;
  if (filters.group && jobStatusGroup(job.status) !== filters.group) return false;
  if (filters.endpoint && job.endpointId !== filters.endpoint) return false;
  if (filters.submitter && job.submittedBy !== filters.submitter) return false;
  const at = Date.parse(job.submittedAt);
  if (filters.from && at < Date.parse(filters.from)) return false;
  if (filters.to && at > Date.parse(filters.to)) return false;
  return true;
}

/**
 * Writes one job into every cached list: replaced in place where it is loaded (rows never jump under the pointer),
 * put on top of the lists whose filters it matches when it is new. Returns the keys of lists it may belong to but
 * could not be placed in (older than their top row, or a text search) — those want a (debounced) refetch.
 */
export function writeJobIntoLists(queryClient: QueryClient, job: JobSummary): QueryKey[] {
  const stale: QueryKey[] = [];
  const lists = queryClient.getQueriesData<InfiniteData<JobListPage, string | undefined>>({
    queryKey: ["jobs", "list"],
  });
  for (const [key, data] of lists) {
    if (!data) continue;
    const filters = (key[2] ?? {}) as JobListFilters;
    let found = false;
    const pages = data.pages.map((page) => {
      const index = page.jobs.findIndex((candidate) => candidate.id === job.id);
      if (index < 0) return page;
      found = true;
      const jobs = page.jobs.slice();
      jobs[index] = job;
      return { ...page, jobs };
    });
    if (found) queryClient.setQueryData(key, { ...data, pages });
    else if (pages[0] && jobMatchesFilters(job, filters)) {
      const newest = pages[0].jobs[0];
      // Only jobs newer than the top row: an old job that changed belongs further down, where paging will find it.
      if (!newest || Date.parse(job.submittedAt) >= Date.parse(newest.submittedAt)) {
        queryClient.setQueryData(key, {
          ...data,
          pages: [{ ...pages[0], jobs: [job, ...pages[0].jobs] }, ...pages.slice(1)],
        });
      } else stale.push(key);
    } else if (filters.q) stale.push(key);
  }
  return stale;
}

/** Merges a job's summary into its cached details (the details carry input/output the event does not). */
export function writeJobIntoDetails(queryClient: QueryClient, job: JobSummary): void {
  queryClient.setQueryData<JobDetails>(jobQueryKey(job.id), (details) =>
    details ? { ...details, job: { ...details.job, ...job } } : details,
  );
}
