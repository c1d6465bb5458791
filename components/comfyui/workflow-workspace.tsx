"use client";

import { History, Pencil, RotateCcw } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useMemo, useRef, useState, useTransition } from "react";
import { saveCurationAction, runWorkflowAction, setDefaultEndpointAction } from "@/lib/workflows/actions";
import { measureRequest } from "@/components/jobs/editor/json-text";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toaster";
import {
  applyCuration,
  curateField,
  moveField,
  setGroup,
  staleCurationPaths,
  type Curation,
} from "@/lib/comfyui/curation";
import { defaultValues, extractFields, valueProblems, type FormValues } from "@/lib/comfyui/fields";
import { outputNodeIds } from "@/lib/comfyui/graph";
import { safeImageName } from "@/lib/comfyui/job-input";
import { MAX_SWEEP_RUNS, parsePromptList, parseSeedList } from "@/lib/comfyui/sweep";
import type { EndpointView } from "@/lib/endpoints/service";
import { shortId } from "@/lib/format/ids";
import { useEndpoints } from "@/lib/hooks/use-endpoints";
import type { RecordedInputs } from "@/lib/workflows/schema";
import type { RunView, WorkflowView } from "@/lib/workflows/service";
import { RunPanel, type SweepDraft } from "./run-panel";
import { RunResults, SweepGrid, type WorkflowRunView } from "./run-results";
import { VersionsPanel } from "./versions-panel";
import { WorkflowForm, type ImageUpload } from "./workflow-form";

// xyflow measures the DOM; it renders in the browser only.
const WorkflowGraph = dynamic(() => import("./workflow-graph").then((module) => module.WorkflowGraph), {
  ssr: false,
  loading: () => <Skeleton className="h-96 w-full" />,
});

/** The run a form starts from (`?from=<jobId>`): its version and recorded inputs. */
export interface RunSource {
  jobId: string;
  version: number;
  inputs: RecordedInputs;
}

interface LastRun {
  runs: WorkflowRunView[];
  sweep: { prompts: string[]; seeds: number[] } | null;
}

function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsDataURL(file);
  });
}

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
  const [version, setVersion] = useState(
    from && workflow.versions.some((entry) => entry.version === from.version) ? from.version : workflow.latestVersion,
  );
  const graph = (workflow.versions.find((entry) => entry.version === version) ?? workflow.versions[0]!).graph;
  const fields = useMemo(() => extractFields(graph), [graph]);
  const [curation, setCuration] = useState<Curation>(workflow.curation);
  const [savedCuration, setSavedCuration] = useState<Curation>(workflow.curation);
  const [curating, setCurating] = useState(false);
  const curated = useMemo(() => applyCuration(fields, curation), [fields, curation]);
  const stale = useMemo(() => staleCurationPaths(fields, curation), [fields, curation]);

  const startingValues = (forVersion: number): FormValues => {
    const defaults = defaultValues(
      extractFields((workflow.versions.find((entry) => entry.version === forVersion) ?? workflow.versions[0]!).graph),
    );
    if (!from || from.version !== forVersion) return defaults;
    const known = Object.fromEntries(Object.entries(from.inputs.values).filter(([path]) => path in defaults));
    return { ...defaults, ...known };
  };
  const [values, setValues] = useState<FormValues>(() => startingValues(version));
  const [randomise, setRandomise] = useState<Record<string, boolean>>({});
  const [images, setImages] = useState<Record<string, ImageUpload>>({});
  const [imageError, setImageError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [highlight, setHighlight] = useState<string | undefined>();

  const { data: endpoints, error: endpointsError } = useEndpoints(initialEndpoints);
  const [chosenEndpointId, setEndpointId] = useState(workflow.defaultEndpointId ?? "");
  // With nothing chosen and exactly one ComfyUI endpoint, that one is the obvious choice.
  const comfyEndpoints = endpoints?.filter((view) => /comfy/i.test(view.endpoint.spec.image.image)) ?? [];
  const endpointId = chosenEndpointId || (comfyEndpoints.length === 1 ? comfyEndpoints[0]!.endpoint.id : "");
  const [defaultEndpointId, setDefaultEndpointId] = useState(workflow.defaultEndpointId);
  const outputIds = useMemo(() => outputNodeIds(graph), [graph]);
  const [outputNodeId, setOutputNodeId] = useState(from?.inputs.outputNodeId ?? "");

  const seedField = fields.find((field) => field.kind === "seed");
  const promptFields = fields.filter((field) => field.kind === "prompt");
  const [sweep, setSweep] = useState<SweepDraft>({
    on: false,
    seedsText: "",
    promptsText: "",
    promptPath: promptFields[0]?.path ?? "",
  });
  const [lastRun, setLastRun] = useState<LastRun | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const resultsRef = useRef<HTMLElement>(null);

  const size = useMemo(
    () =>
      measureRequest({
        workflow: graph,
        images: Object.values(images).map((upload) => ({ name: upload.name, image: upload.base64 })),
      }),
    [graph, images],
  );

  const parsedSweep = useMemo(() => {
    if (!sweep.on) return { spec: undefined, prompts: [] as string[], seeds: [] as number[], error: undefined };
    const seedsResult = sweep.seedsText.trim() ? parseSeedList(sweep.seedsText) : { seeds: [] as number[] };
    if ("error" in seedsResult) return { spec: undefined, prompts: [], seeds: [], error: seedsResult.error };
    const prompts = parsePromptList(sweep.promptsText);
    const count = Math.max(1, seedsResult.seeds.length) * Math.max(1, prompts.length);
    if (count > MAX_SWEEP_RUNS)
      return {
        spec: undefined,
        prompts,
        seeds: seedsResult.seeds,
        error: `That is ${count} jobs; a sweep makes at most ${MAX_SWEEP_RUNS}.`,
      };
    return {
      spec: {
        ...(seedField && seedsResult.seeds.length ? { seedPath: seedField.path, seeds: seedsResult.seeds } : {}),
        ...(sweep.promptPath && prompts.length ? { promptPath: sweep.promptPath, prompts } : {}),
      },
      prompts,
      seeds: seedsResult.seeds,
      error: undefined,
    };
  }, [sweep, seedField]);
  const jobCount = sweep.on ? Math.max(1, parsedSweep.seeds.length) * Math.max(1, parsedSweep.prompts.length) : 1;

  const problems = useMemo(() => valueProblems(fields, values), [fields, values]);
  const blockedReason = !endpointId
    ? "Choose an endpoint to run on."
    : Object.keys(problems).length
      ? "Some fields need attention."
      : size.level === "over"
        ? "The images make the job larger than 4 MiB; use smaller images."
        : parsedSweep.error
          ? parsedSweep.error
          : null;

  const switchVersion = (next: number) => {
    setVersion(next);
    setValues(startingValues(next));
    setErrors({});
  };

  const onImage = async (path: string, file: File | undefined) => {
    setImageError(null);
    if (!file) {
      setImages((current) => Object.fromEntries(Object.entries(current).filter(([other]) => other !== path)));
      setValues((current) => ({ ...current, [path]: fields.find((field) => field.path === path)?.defaultValue ?? "" }));
      return;
    }
    if (!/^image\/(png|jpeg|webp)$/.test(file.type)) {
      setImageError(`${file.name} is not a PNG, JPEG or WebP image.`);
      return;
    }
    let base64: string;
    try {
      base64 = await readFileAsBase64(file);
    } catch {
      setImageError(`${file.name} could not be read.`);
      return;
    }
    // Two uploads with one name would overwrite each other in the worker's input folder.
    const taken = new Set(
      Object.entries(images)
        .filter(([other]) => other !== path)
        .map(([, upload]) => upload.name),
    );
    let name = safeImageName(file.name);
    for (let index = 2; taken.has(name); index += 1)
      name = safeImageName(file.name).replace(/(\.[^.]*)?$/, `-${index}$1`);
    setImages((current) => ({
      ...current,
      [path]: { name, base64, bytes: file.size, previewUrl: `data:${file.type};base64,${base64}` },
    }));
    setValues((current) => ({ ...current, [path]: name }));
  };

  const run = () => {
    if (blockedReason) return;
    setRunError(null);
    setErrors({});
    startTransition(async () => {
      const result = await runWorkflowAction({
        workflowId: workflow.id,
        version,
        endpointId,
        values,
        randomise,
        outputNodeId: outputNodeId || undefined,
        images: Object.values(images).map((upload) => ({ name: upload.name, image: upload.base64 })),
        sweep: parsedSweep.spec,
      });
      if (!result.ok) {
        const fieldErrors = Object.fromEntries(
          Object.entries(result.error.fields ?? {}).filter(([path]) => path.includes(".inputs.")),
        );
        setErrors(fieldErrors);
        setRunError(
          Object.keys(fieldErrors).length
            ? result.error.message
            : (Object.values(result.error.fields ?? {})[0] ?? result.error.message),
        );
        return;
      }
      const runs = result.data.runs;
      const failed = runs.filter((entry) => entry.failure).length;
      if (failed) toast.error(`${failed} of ${runs.length} ${runs.length === 1 ? "job" : "jobs"} could not be sent.`);
      else toast.success(runs.length === 1 ? "Job sent." : `${runs.length} jobs sent.`);
      setLastRun({ runs, sweep: sweep.on ? { prompts: parsedSweep.prompts, seeds: parsedSweep.seeds } : null });
      // Seeds that randomise show the value this run used, so it can be read and repeated.
      const last = runs.at(-1);
      if (last && !sweep.on)
        setValues((current) => ({
          ...current,
          ...Object.fromEntries(Object.entries(last.inputs.values).filter(([path]) => randomise[path])),
        }));
      requestAnimationFrame(() => resultsRef.current?.scrollIntoView({ behavior: "smooth", block: "start" }));
    });
  };

  const makeDefault = () => {
    startTransition(async () => {
      const result = await setDefaultEndpointAction({ workflowId: workflow.id, endpointId });
      if (!result.ok) return void toast.error(result.error.message);
      setDefaultEndpointId(endpointId);
      toast.success("Default endpoint saved.");
    });
  };

  const persistCuration = () => {
    startTransition(async () => {
      const result = await saveCurationAction({ workflowId: workflow.id, curation });
      if (!result.ok) return void toast.error(result.error.message);
      setSavedCuration(curation);
      setCurating(false);
      toast.success("Form layout saved. It applies to every version.");
    });
  };

  const fieldCounts = useMemo(() => {
    const counts: Record<string, number> = {};
    for (const field of curated) if (!field.hidden) counts[field.nodeId] = (counts[field.nodeId] ?? 0) + 1;
    return counts;
  }, [curated]);

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      {from ? (
        <p role="status" className="flex flex-wrap items-center gap-2 rounded-lg border bg-muted/40 px-4 py-3 text-sm">
          <History className="size-4 shrink-0" aria-hidden />
          <span>
            The form holds the inputs of job{" "}
            <Link href={`/jobs/${from.jobId}`} className="font-mono underline-offset-4 hover:underline">
              {shortId(from.jobId)}
            </Link>{" "}
            (version {from.version}).
            {from.inputs.images?.length
              ? ` It used the image${from.inputs.images.length > 1 ? "s" : ""} ${from.inputs.images.join(", ")}: choose ${from.inputs.images.length > 1 ? "them" : "it"} again to reuse.`
              : ""}
          </span>
        </p>
      ) : null}

      <form
        aria-label="Run the workflow"
        className="grid grid-cols-[minmax(0,1fr)] items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)] xl:grid-cols-[minmax(0,1fr)_minmax(0,28rem)]"
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <Card className="min-w-0 gap-4 py-5">
          <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2 px-5">
            <div className="grid gap-1">
              <CardTitle>
                <h2 className="flex items-center gap-2 text-base">
                  Inputs <Badge variant="secondary">v{version}</Badge>
                </h2>
              </CardTitle>
              <CardDescription>
                {curating
                  ? "Hide, rename, reorder and group fields. The layout is kept by node path and applies to every version."
                  : "Hover a field to see its node in the graph."}
              </CardDescription>
            </div>
            {canEdit ? (
              curating ? (
                <div className="flex gap-2">
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    onClick={() => {
                      setCuration(savedCuration);
                      setCurating(false);
                    }}
                    disabled={pending}
                  >
                    Cancel
                  </Button>
                  <Button type="button" size="sm" onClick={persistCuration} loading={pending}>
                    Save layout
                  </Button>
                </div>
              ) : (
                <Button type="button" variant="outline" size="sm" onClick={() => setCurating(true)}>
                  <Pencil aria-hidden />
                  Customize form
                </Button>
              )
            ) : null}
          </CardHeader>
          <CardContent className="grid gap-4 px-5">
            {curating && stale.length ? (
              <p className="text-xs text-muted-foreground">
                Layout kept for fields this version lacks: {stale.join(", ")}.
              </p>
            ) : null}
            <WorkflowForm
              fields={curated}
              values={values}
              onValue={(path, value) => setValues((current) => ({ ...current, [path]: value }))}
              randomise={randomise}
              onRandomise={(path, on) => setRandomise((current) => ({ ...current, [path]: on }))}
              images={images}
              onImage={(path, file) => void onImage(path, file)}
              imageError={imageError}
              errors={{ ...problems, ...errors }}
              size={size}
              disabled={pending}
              curation={
                curating
                  ? {
                      onHide: (path, hidden) => setCuration((current) => curateField(current, path, { hidden })),
                      onRename: (path, label) => setCuration((current) => curateField(current, path, { label })),
                      onMove: (path, direction) =>
                        setCuration((current) => moveField(current, applyCuration(fields, current), path, direction)),
                      onGroup: (path, group) =>
                        setCuration((current) =>
                          setGroup(current, path, group, fields.find((field) => field.path === path)?.group ?? "basic"),
                        ),
                    }
                  : undefined
              }
              onHighlight={setHighlight}
            />
            {!curating ? (
              <div>
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  onClick={() => {
                    setValues(defaultValues(fields));
                    setErrors({});
                  }}
                  disabled={pending}
                >
                  <RotateCcw aria-hidden />
                  Reset to the workflow&apos;s values
                </Button>
              </div>
            ) : null}
          </CardContent>
        </Card>

        <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] content-start gap-6 lg:sticky lg:top-20">
          <Card className="gap-4 py-5">
            <CardHeader className="px-5">
              <CardTitle>
                <h2 className="text-base">Run</h2>
              </CardTitle>
            </CardHeader>
            <CardContent className="px-5">
              <RunPanel
                graph={graph}
                outputIds={outputIds}
                endpoints={endpoints}
                endpointsError={endpointsError?.message}
                endpointId={endpointId}
                onEndpoint={setEndpointId}
                defaultEndpointId={defaultEndpointId}
                onMakeDefault={canEdit ? makeDefault : undefined}
                outputNodeId={outputNodeId}
                onOutputNode={setOutputNodeId}
                sweep={sweep}
                onSweep={setSweep}
                sweepError={parsedSweep.error}
                jobCount={jobCount}
                promptFields={promptFields}
                seedField={seedField}
                canRun={canEdit}
                pending={pending}
                blockedReason={blockedReason}
                runError={runError}
              />
            </CardContent>
          </Card>
        </div>
      </form>

      <Card className="min-w-0 gap-3 py-5">
        <CardHeader className="px-5">
          <CardTitle>
            <h2 className="text-base">Graph</h2>
          </CardTitle>
          <CardDescription>
            {Object.keys(graph).length} nodes of version {version}. Nodes with form fields say so; output nodes have a
            green border.
          </CardDescription>
        </CardHeader>
        <CardContent className="px-5">
          <WorkflowGraph
            graph={graph}
            highlightedNodeId={highlight}
            fieldCounts={fieldCounts}
            className="h-72 sm:h-[26rem]"
          />
        </CardContent>
      </Card>

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
        <Card className="min-w-0 gap-4 py-5">
          <CardHeader className="px-5">
            <CardTitle>
              <h2 className="text-base">Versions</h2>
            </CardTitle>
            <CardDescription>Every save is a new version; runs record the version they used.</CardDescription>
          </CardHeader>
          <CardContent className="px-5">
            <VersionsPanel
              workflowId={workflow.id}
              versions={workflow.versions}
              canEdit={canEdit}
              activeVersion={version}
              onUseVersion={switchVersion}
            />
          </CardContent>
        </Card>
        <Card className="min-w-0 gap-4 py-5">
          <CardHeader className="px-5">
            <CardTitle>
              <h2 className="text-base">Recent runs</h2>
            </CardTitle>
            <CardDescription>Open a run&apos;s job, or load its inputs into the form.</CardDescription>
          </CardHeader>
          <CardContent className="px-5">
            {recentRuns.length === 0 ? (
              <p className="text-sm text-muted-foreground">No runs yet.</p>
            ) : (
              <ul className="grid gap-1 text-sm" aria-label="Recent runs">
                {recentRuns.map((entry) => (
                  <li
                    key={entry.jobId}
                    className="grid grid-cols-[auto_auto_minmax(0,1fr)] items-center gap-x-3 gap-y-1 rounded-md px-2 py-1.5 odd:bg-muted/40 sm:grid-cols-[auto_auto_minmax(0,1fr)_auto]"
                  >
                    <Link href={`/jobs/${entry.jobId}`} className="font-mono underline-offset-4 hover:underline">
                      {shortId(entry.jobId)}
                    </Link>
                    <span className="text-xs text-muted-foreground">v{entry.version}</span>
                    <span className="min-w-0 truncate text-xs text-muted-foreground">{summarise(entry.inputs)}</span>
                    <Link
                      href={`/workflows/${workflow.id}?from=${entry.jobId}`}
                      className="text-xs font-medium underline-offset-4 hover:underline"
                    >
                      Use these inputs
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

function summarise(inputs: RecordedInputs): string {
  const entries = Object.entries(inputs.values);
  const prompt = ["text", "clip_l", "t5xxl", "text_g"]
    .map((input) => entries.find(([path]) => path.endsWith(`.inputs.${input}`))?.[1])
    .find((value) => value !== undefined);
  const seed = entries.find(([path]) => /\.inputs\.(noise_)?seed$/.test(path))?.[1];
  return (
    [prompt ? `“${String(prompt)}”` : null, seed !== undefined ? `seed ${seed}` : null].filter(Boolean).join(" · ") ||
    "workflow's own values"
  );
}
