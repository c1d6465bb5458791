"use client";

import { useQuery, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { OUTPUTS_PAGE_SIZE, type GalleryItem, type GalleryPage, type OutputDetails } from "@/lib/outputs/items";
import type { OutputListFilters } from "@/lib/outputs/query";
import { apiUrl, getApiJson } from "./api-json";
import { useKeysetList } from "./use-keyset-list";

export type { OutputListFilters };

export { OUTPUTS_QUERY_KEY } from "./outputs-key";
export const outputListQueryKey = (filters: OutputListFilters) => ["outputs", "list", filters] as const;
export const jobOutputsQueryKey = (jobId: string) => ["outputs", "job", jobId] as const;
export const outputDetailsQueryKey = (id: string) => ["output-details", id] as const;

/** The archive newest first, one keyset page at a time. */
export function useOutputList(filters: OutputListFilters) {
  const paging = { pageSize: OUTPUTS_PAGE_SIZE, staleTime: 30_000 };
  return useKeysetList<GalleryPage>(outputListQueryKey(filters), "/api/outputs", filters, paging);
}

/**
 * A job's archived outputs (one page is plenty: a job rarely makes more than 100 files). The `outputs` live event
 * refreshes it; while fewer are archived than the output holds, a 2 s poll (for half a minute at most) is the
 * safety net, as on the job's details.
 */
export function useJobOutputs(jobId: string, enabled: boolean, expected: number) {
  return useQuery({
    queryKey: jobOutputsQueryKey(jobId),
    queryFn: ({ signal }) => getApiJson<GalleryPage>(apiUrl("/api/outputs", { job: jobId, limit: 200 }), signal),
    enabled,
    staleTime: 30_000,
    refetchInterval: (query) =>
      (query.state.data?.items.length ?? 0) < expected && query.state.dataUpdateCount < 15 ? 2_000 : false,
  });
}

export function useOutputDetails(id: string | undefined) {
  return useQuery({
    queryKey: outputDetailsQueryKey(id ?? ""),
    queryFn: ({ signal }) => getApiJson<OutputDetails>(`/api/outputs/${encodeURIComponent(id!)}/details`, signal),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

/** Writes a star into every loaded gallery page at once (the action's answer arrives after). */
export function writeFavourite(queryClient: QueryClient, outputId: string, favourite: boolean): void {
  const update = (item: GalleryItem) => (item.id === outputId ? { ...item, favourite } : item);
  queryClient.setQueriesData<InfiniteData<GalleryPage>>({ queryKey: ["outputs", "list"] }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(update) })) } : data,
  );
  queryClient.setQueriesData<GalleryPage>({ queryKey: ["outputs", "job"] }, (data) =>
    data ? { ...data, items: data.items.map(update) } : data,
  );
}
