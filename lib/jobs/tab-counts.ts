/**
 * Jobs per status tab, honest about bounds: exact from the maintained counters (no filter, or the endpoint filter
 * alone), otherwise counted up to a bound and then "at least" (`more`), shown as "10,000+" ("1,000+" under a word
 * search). Browser-safe.
 */
import { JOB_STATUS_GROUPS } from "./status";

export const JOB_TABS = ["all", ...JOB_STATUS_GROUPS] as const;
export type JobTab = (typeof JOB_TABS)[number];

/** `count` jobs, or at least `count` when `more` (the count stopped at its bound). */
export interface TabCount {
  count: number;
  more: boolean;
}
export type JobTabCounts = Record<JobTab, TabCount>;

/** "1,234", or "10,000+" for a bounded count. */
export function formatTabCount({ count, more }: TabCount): string {
  return `${count.toLocaleString()}${more ? "+" : ""}`;
}

/** As `/api/jobs` and `/api/v1/jobs` carry them: `counts` numbers as before, and the tabs that are lower bounds. */
export interface WireTabCounts {
  counts: Record<JobTab, number>;
  countsAtLeast: JobTab[];
}

export function toWireTabCounts(tabs: JobTabCounts): WireTabCounts {
  const counts = Object.fromEntries(JOB_TABS.map((tab) => [tab, tabs[tab].count])) as Record<JobTab, number>;
  return { counts, countsAtLeast: JOB_TABS.filter((tab) => tabs[tab].more) };
}

export function fromWireTabCounts({ counts, countsAtLeast }: WireTabCounts): JobTabCounts {
  const bounded = new Set<JobTab>(countsAtLeast ?? []);
  return Object.fromEntries(
    JOB_TABS.map((tab) => [tab, { count: counts[tab] ?? 0, more: bounded.has(tab) }]),
  ) as JobTabCounts;
}
