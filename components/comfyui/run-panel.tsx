"use client";

import { AlertTriangle, Play, Star } from "lucide-react";
import { useId, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { EndpointListNotes, EndpointPicker } from "@/components/ui/endpoint-picker";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { nodeTitle } from "@/lib/comfyui/graph";
import { looksLikeComfyWorker } from "@/lib/comfyui/job-input";
import type { SweepDraft } from "@/lib/comfyui/sweep";
import { cn } from "@/lib/utils/cn";
import type { WorkflowRun } from "./use-workflow-run";

/** What each list of a sweep says: its label, what it means for the grid, and how it is typed. */
const SWEEP_LISTS = {
  seedsText: {
    label: "Seeds",
    hint: "Columns of the grid. Empty: the form's seed.",
    placeholder: "1, 2, 3, 4 — or “4 random”",
    mono: true,
  },
  promptsText: { label: "Prompts, one per line", hint: "Rows of the grid. Empty: the form's prompt." },
} as const;

/** One list of the sweep (its seeds or its prompts) as typed, with anything that goes with it. */
function SweepList({
  list,
  sweep,
  onChange,
  children,
}: {
  list: keyof typeof SWEEP_LISTS;
  sweep: SweepDraft;
  onChange: (change: Partial<SweepDraft>) => void;
  children?: ReactNode;
}) {
  const id = useId();
  const words: { label: string; hint: string; placeholder?: string; mono?: boolean } = SWEEP_LISTS[list];
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{words.label}</Label>
      <Textarea
        id={id}
        rows={3}
        value={sweep[list]}
        onChange={(event) => onChange({ [list]: event.target.value })}
        placeholder={words.placeholder}
        className={cn("min-h-16 text-xs", words.mono && "font-mono")}
      />
      {children}
      <p className="text-xs text-muted-foreground">{words.hint}</p>
    </div>
  );
}

/** Where and how to run: the endpoint (warned when it does not look like ComfyUI), output node, sweep, Run. */
export function RunPanel({
  run,
  canRun,
  canMakeDefault,
}: {
  run: WorkflowRun;
  /** Operators run; viewers see why they cannot. */
  canRun: boolean;
  canMakeDefault: boolean;
}) {
  const ids = {
    endpoint: useId(),
    output: useId(),
    reason: useId(),
  };
  const { endpoints, endpointId, pending, blockedReason, seedField, promptFields, graph, dispatch } = run;
  const { sweep, defaultEndpointId, outputNodeId, runError } = run.state;
  const changeSweep = (change: Partial<SweepDraft>) => dispatch({ type: "sweepChanged", change });
  const selected = endpoints?.find((view) => view.endpoint.id === endpointId);
  const image = selected?.endpoint.spec.image.image;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
      <div className="grid min-w-0 gap-2">
        <Label htmlFor={ids.endpoint}>Endpoint</Label>
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <EndpointPicker
            id={ids.endpoint}
            value={endpointId}
            endpoints={endpoints}
            loading={!endpoints}
            onChange={(id) => dispatch({ type: "endpointChosen", endpointId: id })}
            disabled={pending}
            className="sm:max-w-sm"
          />
          {canMakeDefault && endpointId && endpointId !== defaultEndpointId ? (
            <Button type="button" variant="ghost" size="sm" onClick={run.makeDefault} disabled={pending}>
              <Star aria-hidden />
              Make default
            </Button>
          ) : endpointId && endpointId === defaultEndpointId ? (
            <span className="flex items-center gap-1 text-xs text-muted-foreground">
              <Star className="size-3 fill-current" aria-hidden />
              Default endpoint
            </span>
          ) : null}
        </div>
        <EndpointListNotes
          error={run.endpointsError}
          empty={!!endpoints && endpoints.length === 0}
          createLabel="Create a ComfyUI endpoint"
        />
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

      {run.outputIds.length > 0 ? (
        <div className="grid min-w-0 gap-2">
          <Label htmlFor={ids.output}>Output node</Label>
          <select
            id={ids.output}
            value={outputNodeId}
            onChange={(event) => dispatch({ type: "outputNodeChosen", nodeId: event.target.value })}
            disabled={pending}
            className="h-9 w-full min-w-0 rounded-md border bg-background px-2 text-sm sm:max-w-sm dark:bg-input/30"
          >
            <option value="">Every output node (worker default)</option>
            {run.outputIds.map((id) => (
              <option key={id} value={id}>
                {id} · {nodeTitle(graph[id]) ?? graph[id]!.class_type}
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
            onChange={(event) => changeSweep({ on: event.target.checked })}
            disabled={pending || (!seedField && promptFields.length === 0)}
          />
          Run every combination of seeds × prompts
        </label>
        {sweep.on ? (
          <div className="grid grid-cols-[minmax(0,1fr)] gap-3">
            {seedField ? <SweepList list="seedsText" sweep={sweep} onChange={changeSweep} /> : null}
            {promptFields.length ? (
              <SweepList list="promptsText" sweep={sweep} onChange={changeSweep}>
                {promptFields.length > 1 ? (
                  <select
                    aria-label="Prompt field to sweep"
                    value={sweep.promptPath}
                    onChange={(event) => changeSweep({ promptPath: event.target.value })}
                    className="h-8 w-full min-w-0 rounded-md border bg-background px-2 text-xs dark:bg-input/30"
                  >
                    {promptFields.map((field) => (
                      <option key={field.path} value={field.path}>
                        {field.label} ({field.path})
                      </option>
                    ))}
                  </select>
                ) : null}
              </SweepList>
            ) : null}
            {run.sweep.error ? <p className="text-sm text-destructive">{run.sweep.error}</p> : null}
          </div>
        ) : null}
      </fieldset>

      {canRun ? (
        <div className="grid gap-2">
          <div>
            <Button
              type="submit"
              loading={pending}
              disabled={!!blockedReason}
              aria-describedby={blockedReason ? ids.reason : undefined}
            >
              {pending ? null : <Play aria-hidden />}
              {run.sweep.jobCount > 1 ? `Run ${run.sweep.jobCount} jobs` : "Run"}
            </Button>
          </div>
          {blockedReason ? (
            <p id={ids.reason} className="text-sm text-muted-foreground">
              {blockedReason}
            </p>
          ) : null}
          {runError ? (
            <p
              role="alert"
              className={cn(
                "rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2",
                "text-sm break-words whitespace-pre-line text-destructive",
              )}
            >
              {runError}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">Viewers can look at the form; running needs the operator role.</p>
      )}
    </div>
  );
}
