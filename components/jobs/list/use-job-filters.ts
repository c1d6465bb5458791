"use client";

import { parseAsStringLiteral, type inferParserType } from "nuqs";
import type { JobListFilters } from "@/lib/hooks/use-jobs";
import { commonApiFilters, commonFilterParsers, parseAsOne, useListFilters } from "@/lib/hooks/use-list-filters";
import { JOB_STATUS_GROUPS } from "@/lib/jobs/status";

/** The list's filters as the URL holds them: `?group=&endpoint=&q=&from=&to=&mine=1`. */
const jobFilterParsers = {
  ...commonFilterParsers,
  group: parseAsStringLiteral(JOB_STATUS_GROUPS),
  mine: parseAsOne,
};
export type JobFilterParams = inferParserType<typeof jobFilterParsers>;

/** "Clear filters" keeps the status tab. */
const CLEARABLE = ["q", "endpoint", "from", "to", "mine"] as const;

export function useJobFilters(currentUserId: string) {
  const { params, ...rest } = useListFilters(jobFilterParsers, CLEARABLE);
  // Without the group: the tab counts share it, and switching tabs keeps the counts query.
  const baseFilters: Omit<JobListFilters, "group"> = {
    ...commonApiFilters(params),
    submitter: params.mine ? currentUserId : undefined,
  };
  const listFilters: JobListFilters = { ...baseFilters, group: params.group ?? undefined };
  return { params, baseFilters, listFilters, ...rest };
}
