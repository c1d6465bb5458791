"use client";

import { useInfiniteQuery, type QueryKey } from "@tanstack/react-query";
import { apiUrl, getApiJson, type ApiParams } from "./api-json";

/** What every keyset-paged list route answers besides its rows: the cursor of the next page, null at the end. */
export interface KeysetPage {
  next: string | null;
}

/**
 * A keyset-paged `GET /api/…` list under `params`, one page after another (`after` = the previous page's `next`).
 * Live events and actions write into the loaded pages, so the list does not refetch on window focus.
 */
export function useKeysetList<Page extends KeysetPage>(
  queryKey: QueryKey,
  path: string,
  params: ApiParams,
  { pageSize, staleTime }: { pageSize: number; staleTime: number },
) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) =>
      getApiJson<Page>(apiUrl(path, { ...params, after: pageParam, limit: pageSize }), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    staleTime,
    refetchOnWindowFocus: false,
  });
}
