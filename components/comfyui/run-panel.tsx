"use client";

import { AlertTriangle, Play, Star } from "lucide-react";
import Link from "next/link";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { WorkflowField } from "@/lib/comfyui/fields";
import { nodeTitle, type ApiGraph } from "@/lib/comfyui/graph";
import { looksLikeComfyWorker } from "@/lib/comfyui/job-input";
import type { EndpointView } from "@/lib/endpoints/service";

export interface SweepDraft {
  on: boolean;
  seedsText: string;
  promptsText: string;
  promptPath: string;
}

/** Where and how to run: the endpoint (warned when it does not look like ComfyUI), output node, sweep, Run. */
export function RunPanel(props: {
  graph: ApiGraph;
  outputIds: string[];
  endpoints: EndpointView[] | undefined;
  endpointsError: string | undefined;
  endpointId: string;
  onEndpoint: (id: string) => void;
  defaultEndpointId: string | null;
  onMakeDefault: (() => void) | undefined;
  outputNodeId: string;
  onOutputNode: (id: string) => void;
  sweep: SweepDraft;
  onSweep: (sweep: SweepDraft) => void;
  sweepError: string | undefined;
  jobCount: number;
  promptFields: WorkflowField[];
  seedField: WorkflowField | undefined;
  canRun: boolean;
  pending: boolean;
  blockedReason: string | null;
  runError: string | null;
}) {
  const ids = {
    endpoint: useId(),
    output: useId(),
    seeds: useId(),
    prompts: useId(),
    promptField: useId(),
    reason: useId(),
  };
  const { endpoints, endpointId, sweep, onSweep } = props;
  const selected = endpoints?.find((view) => view.endpoint.id === endpointId);
  const image = selected?.endpoint.spec.image.image;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
      <div className="grid min-w-0 gap-2">
        <Label htmlFor={ids.endpoint}>Endpoint</Label>
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <Select value={endpointId} onValueChange={props.onEndpoint} disabled={props.pending}>
            <SelectTrigger id={ids.endpoint} className="w-full min-w-0 overflow-hidden sm:max-w-sm">
              <SelectValue placeholder={endpoints ? "Choose an endpoint" : "Loading endpoints…"} />
            </SelectTrigger>
            <SelectContent>
              {endpoints?.map((view) => (
                <SelectItem key={view.endpoint.id} value={view.endpoint.id}>
                  <span className="truncate">{view.endpoint.spec.name || view.endpoint.id}</span>
                  <span className="truncate text-xs text-muted-foreground">{view.endpoint.spec.image.image}</span>
                </SelectItem>
              ))}
              {endpoints && endpointId && !selected ? (
                <SelectItem value={endpointId} disabled>
                  {endpointId} (not found)
                </SelectItem>
              ) : null}
            </SelectContent>
          </Select>
          {props.onMakeDefault && endpointId && endpointId !== props.defaultEndpointId ? (
            <Button type="button" variant="ghost" size="sm" onClick={props.onMakeDefault} disabled={props.pending}>
              <Star aria-hidden />
              Make default
            </Button>
          ) : endpointId && endpointId === props.defaultEndpointId ? (
            <span className="flex items-center gap-1 text-xs text-muted-foreground">
              <Star className="size-3 fill-current" aria-hidden />
              Default endpoint
            </span>
          ) : null}
        </div>
        {props.endpointsError ? (
          <p className="text-sm text-destructive">Could not load endpoints: {props.endpointsError}</p>
        ) : null}
        {endpoints && endpoints.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            There are no endpoints yet.{" "}
            <Link href="/endpoints/new" className="underline underline-offset-4">
              Create a ComfyUI endpoint
            </Link>{" "}
            first.
          </p>
        ) : null}
        {selected && !looksLikeComfyWorker(image) ? (
          <p role="status" className="flex gap-2 rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm">
            <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>
              This endpoint runs <span className="font-mono">{image}</span>, which does not look like a ComfyUI worker.
              It may not understand a workflow; runs will likely fail or echo the input.
            </span>
          </p>
        ) : null}
      </div>

      {props.outputIds.length > 0 ? (
        <div className="grid min-w-0 gap-2">
          <Label htmlFor={ids.output}>Output node</Label>
          <select
            id={ids.output}
            value={props.outputNodeId}
            onChange={(event) => props.onOutputNode(event.target.value)}
            disabled={props.pending}
            className="h-9 w-full min-w-0 rounded-md border bg-background px-2 text-sm sm:max-w-sm dark:bg-input/30"
          >
            <option value="">Every output node (worker default)</option>
            {props.outputIds.map((id) => (
              <option key={id} value={id}>
                {id} · {nodeTitle(props.graph[id]) ?? props.graph[id]!.class_type}
              </option>
            ))}
          </select>
          <p className="text-xs text-muted-foreground">
            Sent as output_node_id, which the ComfyUI worker uses to pick the images it returns.
          </p>
        </div>
      ) : null}

      <fieldset className="grid min-w-0 gap-3 rounded-lg border px-3 py-2">
        <legend className="px-1 text-sm font-medium">Sweep</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-primary"
            checked={sweep.on}
            onChange={(event) => onSweep({ ...sweep, on: event.target.checked })}
            disabled={props.pending || (!props.seedField && props.promptFields.length === 0)}
          />
          Run every combination of seeds × prompts
        </label>
        {sweep.on ? (
          <div className="grid grid-cols-[minmax(0,1fr)] gap-3">
            {props.seedField ? (
              <div className="grid gap-1.5">
                <Label htmlFor={ids.seeds}>Seeds</Label>
                <Textarea
                  id={ids.seeds}
                  rows={3}
                  value={sweep.seedsText}
                  onChange={(event) => onSweep({ ...sweep, seedsText: event.target.value })}
                  placeholder="1, 2, 3, 4 — or “4 random”"
                  className="min-h-16 font-mono text-xs"
                />
                <p className="text-xs text-muted-foreground">Columns of the grid. Empty: the form&apos;s seed.</p>
              </div>
            ) : null}
            {props.promptFields.length ? (
              <div className="grid gap-1.5">
                <Label htmlFor={ids.prompts}>Prompts, one per line</Label>
                <Textarea
                  id={ids.prompts}
                  rows={3}
                  value={sweep.promptsText}
                  onChange={(event) => onSweep({ ...sweep, promptsText: event.target.value })}
                  className="min-h-16 text-xs"
                />
                {props.promptFields.length > 1 ? (
                  <select
                    aria-label="Prompt field to sweep"
                    value={sweep.promptPath}
                    onChange={(event) => onSweep({ ...sweep, promptPath: event.target.value })}
                    className="h-8 w-full min-w-0 rounded-md border bg-background px-2 text-xs dark:bg-input/30"
                  >
                    {props.promptFields.map((field) => (
                      <option key={field.path} value={field.path}>
                        {field.label} ({field.path})
                      </option>
                    ))}
                  </select>
                ) : null}
                <p className="text-xs text-muted-foreground">Rows of the grid. Empty: the form&apos;s prompt.</p>
              </div>
            ) : null}
            {props.sweepError ? <p className="text-sm text-destructive">{props.sweepError}</p> : null}
          </div>
        ) : null}
      </fieldset>

      {props.canRun ? (
        <div className="grid gap-2">
          <div>
            <Button
              type="submit"
              loading={props.pending}
              disabled={!!props.blockedReason}
              aria-describedby={props.blockedReason ? ids.reason : undefined}
            >
              {props.pending ? null : <Play aria-hidden />}
              {props.jobCount > 1 ? `Run ${props.jobCount} jobs` : "Run"}
            </Button>
          </div>
          {props.blockedReason ? (
            <p id={ids.reason} className="text-sm text-muted-foreground">
              {props.blockedReason}
            </p>
          ) : null}
          {props.runError ? (
            <p
              role="alert"
              className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm break-words whitespace-pre-line text-destructive"
            >
              {props.runError}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">Viewers can look at the form; running needs the operator role.</p>
      )}
    </div>
  );
}
