"use client";

import { X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EndpointSelect } from "@/components/ui/endpoint-select";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SearchBox } from "@/components/ui/search-box";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { JobCounts } from "@/lib/hooks/use-jobs";
import { JOB_STATUS_GROUPS, type JobStatusGroup } from "@/lib/jobs/status";
import type { JobFilterKey, JobFilterParams } from "./use-job-filters";

const TAB_LABEL: Record<"all" | JobStatusGroup, string> = {
  all: "All",
  queued: "Queued",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
  unknown: "Unknown / expired",
};

type Update = (changes: Partial<Record<JobFilterKey, string | undefined>>) => void;

/** Status tabs, each with how many jobs it holds under the other filters. */
export function JobStatusTabs({
  group,
  counts,
  onChange,
}: {
  group: JobStatusGroup | undefined;
  counts: JobCounts | undefined;
  onChange: (group: string) => void;
}) {
  return (
    // The tab strip scrolls sideways on narrow screens instead of squeezing the labels.
    <div className="-mx-1 overflow-x-auto px-1 pb-1">
      <Tabs value={group ?? "all"} onValueChange={onChange}>
        <TabsList aria-label="Job status">
          {(["all", ...JOB_STATUS_GROUPS] as const).map((tab) => (
            <TabsTrigger key={tab} value={tab} className="px-3">
              {TAB_LABEL[tab]}
              <span
                className="rounded bg-muted px-1.5 text-xs text-muted-foreground tabular-nums"
                aria-label={counts ? `${counts[tab]} jobs` : undefined}
              >
                {counts ? counts[tab].toLocaleString() : "·"}
              </span>
            </TabsTrigger>
          ))}
        </TabsList>
      </Tabs>
    </div>
  );
}

export function JobFilters({
  params,
  endpoints,
  filtered,
  update,
}: {
  params: JobFilterParams;
  endpoints: { id: string; name: string }[];
  filtered: boolean;
  update: Update;
}) {
  return (
    <div className="flex flex-col gap-2 lg:flex-row lg:flex-wrap lg:items-end">
      <SearchBox
        value={params.q}
        onChange={(q) => update({ q })}
        label="Search jobs by id or by text in the input"
        placeholder="Job id or text in the input (a prompt…)"
        className="sm:max-w-xs"
      />
      <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-end">
        <EndpointSelect
          value={params.endpoint}
          endpoints={endpoints}
          onChange={(endpoint) => update({ endpoint })}
          className="sm:w-48"
        />
        <Select value={params.mine ? "1" : "all"} onValueChange={(mine) => update({ mine })}>
          <SelectTrigger aria-label="Filter by submitter" className="w-full sm:w-40">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="all">Everyone</SelectItem>
            <SelectItem value="1">Sent by me</SelectItem>
          </SelectContent>
        </Select>
        <div className="grid gap-1">
          <Label htmlFor="jobs-from" className="text-xs text-muted-foreground">
            From
          </Label>
          <Input
            id="jobs-from"
            type="date"
            value={params.from ?? ""}
            max={params.to}
            onChange={(event) => update({ from: event.target.value })}
            className="sm:w-40"
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="jobs-to" className="text-xs text-muted-foreground">
            To
          </Label>
          <Input
            id="jobs-to"
            type="date"
            value={params.to ?? ""}
            min={params.from}
            onChange={(event) => update({ to: event.target.value })}
            className="sm:w-40"
          />
        </div>
        {filtered ? (
          <Button
            variant="ghost"
            className="col-span-2 sm:col-span-1"
            onClick={() =>
              update({ endpoint: undefined, mine: undefined, from: undefined, to: undefined, q: undefined })
            }
          >
            <X aria-hidden /> Clear filters
          </Button>
        ) : null}
      </div>
    </div>
  );
}
