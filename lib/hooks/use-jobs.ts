"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { JobDetails } from "@/lib/jobs/details";
import { JOBS_PAGE_SIZE } from "@/lib/jobs/page-size";
import type { JobListFilters } from "@/lib/jobs/query";
import { fromWireTabCounts, type JobTabCounts } from "@/lib/jobs/tab-counts";
import { apiUrl, getApiJson } from "./api-json";
import { jobCountsQueryKey, jobListQueryKey, type JobListPage } from "./job-cache";
import { useKeysetList } from "./use-keyset-list";

export type { JobListFilters };
export {
  JOBS_QUERY_KEY,
  jobCountsQueryKey,
  jobListQueryKey,
  jobMatchesFilters,
  jobQueryKey,
  writeJobIntoDetails,
  writeJobIntoLists,
  type JobListPage,
} from "./job-cache";

export type JobCounts = JobTabCounts;

/** The ledger newest first, one keyset page at a time. */
export function useJobList(filters: JobListFilters) {
  // Live events keep the loaded pages current; a refetch of thousands of rows is only for resyncs.
  const paging = { pageSize: JOBS_PAGE_SIZE, staleTime: 60_000 };
  return useKeysetList<JobListPage>(jobListQueryKey(filters), "/api/jobs", filters, paging);
}

/** Counts per status tab under the same filters (a one-row page: the route counts whatever the page size). */
export function useJobCounts(filters: Omit<JobListFilters, "group">) {
  return useQuery({
    queryKey: jobCountsQueryKey(filters),
    queryFn: async ({ signal }): Promise<JobCounts> =>
      fromWireTabCounts(await getApiJson<JobListPage>(apiUrl("/api/jobs", { ...filters, limit: 1 }), signal)),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}

/** `GET /api/jobs/{id}`, shared with the details page through `["job", id]`. */
export function fetchJobDetails(id: string, signal?: AbortSignal): Promise<JobDetails> {
  return getApiJson<JobDetails>(`/api/jobs/${encodeURIComponent(id)}`, signal);
}
