"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { dayBoundary } from "@/lib/format/time";
import type { JobListFilters } from "@/lib/hooks/use-jobs";
import { JOB_STATUS_GROUPS, type JobStatusGroup } from "@/lib/jobs/status";

export type JobFilterKey = "group" | "endpoint" | "q" | "from" | "to" | "mine";

/** The list's filters as the URL holds them (`?group=&endpoint=&q=&from=&to=&mine=1`): shareable, survive a reload. */
export interface JobFilterParams {
  group: JobStatusGroup | undefined;
  endpoint: string | undefined;
  q: string;
  from: string | undefined;
  to: string | undefined;
  mine: boolean;
}

function parseGroup(value: string | null): JobStatusGroup | undefined {
  return JOB_STATUS_GROUPS.find((group) => group === value);
}

/** Filters in the URL; replaceState (which Next syncs into useSearchParams) avoids a server round trip per change. */
export function useJobFilters(currentUserId: string) {
  const searchParams = useSearchParams();
  const pathname = usePathname();

  const params: JobFilterParams = {
    group: parseGroup(searchParams.get("group")),
    endpoint: searchParams.get("endpoint") || undefined,
    q: searchParams.get("q") ?? "",
    from: searchParams.get("from") || undefined,
    to: searchParams.get("to") || undefined,
    mine: searchParams.get("mine") === "1",
  };

  const { endpoint, q, from, to, mine, group } = params;
  // Without the group: the tab counts share it, and switching tabs keeps the counts query.
  const baseFilters = useMemo<Omit<JobListFilters, "group">>(() => {
    const filters: Omit<JobListFilters, "group"> = {};
    if (endpoint) filters.endpoint = endpoint;
    if (mine) filters.submitter = currentUserId;
    const fromIso = dayBoundary(from, "start");
    const toIso = dayBoundary(to, "end");
    if (fromIso) filters.from = fromIso;
    if (toIso) filters.to = toIso;
    if (q.trim()) filters.q = q.trim();
    return filters;
  }, [endpoint, mine, currentUserId, from, to, q]);
  const listFilters = useMemo<JobListFilters>(
    () => (group ? { ...baseFilters, group } : baseFilters),
    [baseFilters, group],
  );

  const update = (changes: Partial<Record<JobFilterKey, string | undefined>>) => {
    const next = new URLSearchParams(searchParams.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value && value !== "all") next.set(key, value);
      else next.delete(key);
    }
    const search = next.toString();
    window.history.replaceState(null, "", search ? `${pathname}?${search}` : pathname);
  };

  const filtered = Boolean(endpoint || mine || from || to || q.trim());
  return { params, baseFilters, listFilters, filtered, update };
}
