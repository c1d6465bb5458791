"use client";

import { FilterBar } from "@/components/ui/filter-bar";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { JobCounts } from "@/lib/hooks/use-jobs";
import { JOB_STATUS_GROUPS, type JobStatusGroup } from "@/lib/jobs/status";
import { formatTabCount } from "@/lib/jobs/tab-counts";
import type { useJobFilters } from "./use-job-filters";

const TAB_LABEL: Record<"all" | JobStatusGroup, string> = {
  all: "All",
  queued: "Queued",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
  unknown: "Unknown / expired",
};

type JobFilterState = ReturnType<typeof useJobFilters>;

/** Status tabs, each with how many jobs it holds under the other filters. */
export function JobStatusTabs({
  group,
  counts,
  onChange,
}: {
  group: JobStatusGroup | null;
  counts: JobCounts | undefined;
  /** null: the "All" tab. */
  onChange: (group: JobStatusGroup | null) => void;
}) {
  return (
    // The tab strip scrolls sideways on narrow screens instead of squeezing the labels.
    <div className="-mx-1 overflow-x-auto px-1 pb-1">
      <Tabs
        value={group ?? "all"}
        onValueChange={(tab) => onChange(JOB_STATUS_GROUPS.find((item) => item === tab) ?? null)}
      >
        <TabsList aria-label="Job status">
          {(["all", ...JOB_STATUS_GROUPS] as const).map((tab) => (
            <TabsTrigger key={tab} value={tab} className="px-3">
              {TAB_LABEL[tab]}
              <span
                className="rounded bg-muted px-1.5 text-xs text-muted-foreground tabular-nums"
                aria-label={counts ? `${counts[tab].more ? "at least " : ""}${counts[tab].count} jobs` : undefined}
              >
                {counts ? formatTabCount(counts[tab]) : "·"}
              </span>
            </TabsTrigger>
          ))}
        </TabsList>
      </Tabs>
    </div>
  );
}

export function JobFilters({
  filters,
  endpoints,
}: {
  filters: JobFilterState;
  endpoints: { id: string; name: string }[];
}) {
  const { params, setFilters } = filters;
  return (
    <FilterBar
      search={{
        label: "Search jobs by id or by text in the input",
        placeholder: "Job id or text in the input (a prompt…)",
      }}
      endpoints={endpoints}
      filters={filters}
    >
      <Select value={params.mine ? "1" : "all"} onValueChange={(mine) => setFilters({ mine: mine === "1" })}>
        <SelectTrigger aria-label="Filter by submitter" className="w-full sm:w-40">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value="all">Everyone</SelectItem>
          <SelectItem value="1">Sent by me</SelectItem>
        </SelectContent>
      </Select>
    </FilterBar>
  );
}
