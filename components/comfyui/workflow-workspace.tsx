"use client";

import { History, Pencil, RotateCcw } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useMemo, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/section-card";
import { Skeleton } from "@/components/ui/skeleton";
import { defaultValues } from "@/lib/comfyui/fields";
import type { EndpointView } from "@/lib/endpoints/service";
import { shortId } from "@/lib/format/ids";
import { cn } from "@/lib/utils/cn";
import type { RunView, WorkflowView } from "@/lib/workflows/service";
import { RecentRuns } from "./recent-runs";
import { RunPanel } from "./run-panel";
import { RunResults, SweepGrid } from "./run-results";
import { useWorkflowRun, type RunSource, type WorkflowRun } from "./use-workflow-run";
import { VersionsPanel } from "./versions-panel";
import { WorkflowForm } from "./workflow-form";

// xyflow measures the DOM; it renders in the browser only.
const WorkflowGraph = dynamic(() => import("./workflow-graph").then((module) => module.WorkflowGraph), {
  ssr: false,
  loading: () => <Skeleton className="h-96 w-full" />,
});

/** The note over a form that holds the inputs of an earlier run (`?from=<jobId>`). */
function FromNotice({ from }: { from: RunSource }) {
  const images = from.inputs.images ?? [];
  const many = images.length > 1;
  const imagesNote = images.length
    ? ` It used the image${many ? "s" : ""} ${images.join(", ")}: choose ${many ? "them" : "it"} again to reuse.`
    : "";
  return (
    <p role="status" className="flex flex-wrap items-center gap-2 rounded-lg border bg-muted/40 px-4 py-3 text-sm">
      <History className="size-4 shrink-0" aria-hidden />
      <span>
        The form holds the inputs of job{" "}
        <Link href={`/jobs/${from.jobId}`} className="font-mono underline-offset-4 hover:underline">
          {shortId(from.jobId)}
        </Link>{" "}
        (version {from.version}).
        {imagesNote}
      </span>
    </p>
  );
}

/** "Customize form", or Cancel and Save layout while curating. */
function CurationButtons({ curation, pending }: { curation: WorkflowRun["curation"]; pending: boolean }) {
  if (!curation.curating) {
    return (
      <Button type="button" variant="outline" size="sm" onClick={curation.start}>
        <Pencil aria-hidden />
        Customize form
      </Button>
    );
  }
  return (
    <div className="flex gap-2">
      <Button type="button" variant="ghost" size="sm" onClick={curation.cancel} disabled={pending}>
        Cancel
      </Button>
      <Button type="button" size="sm" onClick={curation.save} loading={pending}>
        Save layout
      </Button>
    </div>
  );
}

/** The form of the version shown, with its curation controls and "Reset to the workflow's values". */
function InputsCard({
  run,
  canEdit,
  onHighlight,
}: {
  run: WorkflowRun;
  canEdit: boolean;
  onHighlight: (nodeId: string | undefined) => void;
}) {
  const { curation, state, dispatch, pending } = run;
  return (
    <SectionCard
      className="min-w-0"
      contentClassName="grid gap-4"
      title={
        <>
          Inputs <Badge variant="secondary">v{run.version}</Badge>
        </>
      }
      description={
        curation.curating
          ? "Hide, rename, reorder and group fields. The layout is kept by node path and applies to every version."
          : "Hover a field to see its node in the graph."
      }
      actions={canEdit ? <CurationButtons curation={curation} pending={pending} /> : null}
    >
      {curation.curating && curation.stale.length ? (
        <p className="text-xs text-muted-foreground">
          Layout kept for fields this version lacks: {curation.stale.join(", ")}.
        </p>
      ) : null}
      <WorkflowForm
        fields={curation.curated}
        values={state.values}
        onValue={(path, value) => dispatch({ type: "valueSet", path, value })}
        randomise={state.randomise}
        onRandomise={(path, on) => dispatch({ type: "randomiseSet", path, on })}
        images={state.images}
        onImage={(path, file) => void run.chooseImage(path, file)}
        imageError={state.imageError}
        errors={{ ...run.problems, ...state.errors }}
        size={run.size}
        disabled={pending}
        curation={curation.controls}
        onHighlight={onHighlight}
      />
      {!curation.curating ? (
        <div>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            onClick={() => dispatch({ type: "valuesReset", values: defaultValues(run.fields) })}
            disabled={pending}
          >
            <RotateCcw aria-hidden />
            Reset to the workflow&apos;s values
          </Button>
        </div>
      ) : null}
    </SectionCard>
  );
}

/** A workflow's page below its header: the form and Run, the graph, the last run's results, versions, recent runs. */
export function WorkflowWorkspace({
  workflow,
  canEdit,
  initialEndpoints,
  from,
  recentRuns,
}: {
  workflow: WorkflowView;
  canEdit: boolean;
  initialEndpoints: EndpointView[] | undefined;
  from: RunSource | undefined;
  recentRuns: RunView[];
}) {
  const [highlight, setHighlight] = useState<string | undefined>();
  const resultsRef = useRef<HTMLElement>(null);
  const run = useWorkflowRun({
    workflow,
    from,
    initialEndpoints,
    onRunSent: () =>
      requestAnimationFrame(() => resultsRef.current?.scrollIntoView({ behavior: "smooth", block: "start" })),
  });
  const { graph, version, curation } = run;
  const { lastRun } = run.state;
  const fieldCounts = useMemo(() => {
    const counts: Record<string, number> = {};
    for (const field of curation.curated) if (!field.hidden) counts[field.nodeId] = (counts[field.nodeId] ?? 0) + 1;
    return counts;
  }, [curation.curated]);

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      {from ? <FromNotice from={from} /> : null}

      <form
        aria-label="Run the workflow"
        className={cn(
          "grid grid-cols-[minmax(0,1fr)] items-start gap-6",
          "lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)] xl:grid-cols-[minmax(0,1fr)_minmax(0,28rem)]",
        )}
        onSubmit={(event) => {
          event.preventDefault();
          run.run();
        }}
      >
        <InputsCard run={run} canEdit={canEdit} onHighlight={setHighlight} />
        <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] content-start gap-6 lg:sticky lg:top-20">
          <SectionCard title="Run">
            <RunPanel run={run} canRun={canEdit} canMakeDefault={canEdit} />
          </SectionCard>
        </div>
      </form>

      <SectionCard
        className="min-w-0 gap-3"
        title="Graph"
        description={
          <>
            {Object.keys(graph).length} nodes of version {version}. Nodes with form fields say so; output nodes have a
            green border.
          </>
        }
      >
        <WorkflowGraph
          graph={graph}
          highlightedNodeId={highlight}
          fieldCounts={fieldCounts}
          className="h-72 sm:h-[26rem]"
        />
      </SectionCard>

      {lastRun ? (
        <section
          ref={resultsRef}
          aria-labelledby="results-heading"
          className="grid scroll-mt-20 grid-cols-[minmax(0,1fr)] gap-3"
        >
          <h2 id="results-heading" className="text-base font-semibold">
            {lastRun.sweep ? `Sweep · ${lastRun.runs.length} jobs` : "Result"}
          </h2>
          {lastRun.sweep ? (
            <SweepGrid runs={lastRun.runs} prompts={lastRun.sweep.prompts} seeds={lastRun.sweep.seeds} />
          ) : (
            <RunResults runs={lastRun.runs} />
          )}
        </section>
      ) : null}

      <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <SectionCard
          className="min-w-0"
          title="Versions"
          description="Every save is a new version; runs record the version they used."
        >
          <VersionsPanel
            workflowId={workflow.id}
            versions={workflow.versions}
            canEdit={canEdit}
            activeVersion={version}
            onUseVersion={run.selectVersion}
            onSaved={run.followDefaultVersion}
          />
        </SectionCard>
        <SectionCard
          className="min-w-0"
          title="Recent runs"
          description="Open a run's job, or load its inputs into the form."
        >
          <RecentRuns workflowId={workflow.id} runs={recentRuns} />
        </SectionCard>
      </div>
    </div>
  );
}
