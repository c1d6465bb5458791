"use client";

import { parseAsInteger, useQueryState } from "nuqs";
import { useEffect, useMemo, useReducer } from "react";
import { measureRequest } from "@/components/jobs/editor/json-text";
import { toast } from "@/components/ui/toaster";
import { defaultValues, extractFields, valueProblems, type FormValues } from "@/lib/comfyui/fields";
import { outputNodeIds } from "@/lib/comfyui/graph";
import { looksLikeComfyWorker, uniqueImageName } from "@/lib/comfyui/job-input";
import { planSweep } from "@/lib/comfyui/sweep";
import type { EndpointView } from "@/lib/endpoints/service";
import { useAction } from "@/lib/hooks/use-action";
import { useEndpoints } from "@/lib/hooks/use-endpoints";
import { runWorkflowAction, setDefaultEndpointAction } from "@/lib/workflows/actions";
import { differsFromDefaults, saveFormDraft } from "@/lib/workflows/form-draft";
import type { RecordedInputs } from "@/lib/workflows/schema";
import type { WorkflowView } from "@/lib/workflows/service";
import { useFormCuration } from "./use-form-curation";
import { initialRunState, runBlockedReason, workflowRunReducer } from "./workflow-run-state";

/** The run a form starts from (`?from=<jobId>`): its version and recorded inputs. */
export interface RunSource {
  jobId: string;
  version: number;
  inputs: RecordedInputs;
}

const IMAGE_TYPES = /^image\/(png|jpeg|webp)$/;

function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsDataURL(file);
  });
}

function graphOf(workflow: WorkflowView, version: number) {
  return (workflow.versions.find((entry) => entry.version === version) ?? workflow.versions[0]!).graph;
}

/**
 * Everything the workflow page's form holds and does: the version (`?version=` in the URL; without it the version
 * of the `?from=` run, else the latest), its fields and their curation, the run state (`workflowRunReducer`), what
 * follows from it (problems, size, sweep, why Run is blocked), and the actions Run and Make default.
 */
export function useWorkflowRun({
  workflow,
  from,
  initialEndpoints,
  onRunSent,
}: {
  workflow: WorkflowView;
  from: RunSource | undefined;
  initialEndpoints: EndpointView[] | undefined;
  /** After a run's jobs went out and its results are in the state (e.g. to scroll to them). */
  onRunSent: () => void;
}) {
  const known = (version: number) => workflow.versions.some((entry) => entry.version === version);
  const defaultVersion = from && known(from.version) ? from.version : workflow.latestVersion;
  const [selectedVersion, setSelectedVersion] = useQueryState(
    "version",
    parseAsInteger.withDefault(defaultVersion).withOptions({ history: "replace" }),
  );
  const version = known(selectedVersion) ? selectedVersion : defaultVersion;
  const graph = graphOf(workflow, version);
  const fields = useMemo(() => extractFields(graph), [graph]);
  const outputIds = useMemo(() => outputNodeIds(graph), [graph]);
  const seedField = fields.find((field) => field.kind === "seed");
  const promptFields = fields.filter((field) => field.kind === "prompt");

  const startingValues = (forVersion: number): FormValues => {
    const defaults = defaultValues(extractFields(graphOf(workflow, forVersion)));
    if (!from || from.version !== forVersion) return defaults;
    const recorded = Object.fromEntries(Object.entries(from.inputs.values).filter(([path]) => path in defaults));
    return { ...defaults, ...recorded };
  };
  const [state, dispatch] = useReducer(workflowRunReducer, undefined, () =>
    initialRunState({
      values: startingValues(version),
      defaultEndpointId: workflow.defaultEndpointId,
      outputNodeId: from?.inputs.outputNodeId ?? "",
      promptPath: promptFields[0]?.path ?? "",
    }),
  );
  const curation = useFormCuration(workflow.id, workflow.curation, fields);

  const { data: endpoints, error: endpointsError } = useEndpoints(initialEndpoints);
  // With nothing chosen and exactly one ComfyUI endpoint, that one is the obvious choice.
  const comfyEndpoints = endpoints?.filter((view) => looksLikeComfyWorker(view.endpoint.spec.image.image)) ?? [];
  const endpointId = state.endpointId || (comfyEndpoints.length === 1 ? comfyEndpoints[0]!.endpoint.id : "");

  // The API tab shows the run as this form would send it: the values and endpoint, kept while they differ.
  const defaults = useMemo(() => defaultValues(fields), [fields]);
  const chosenEndpointId = state.endpointId;
  const savedEndpointId = state.defaultEndpointId ?? "";
  useEffect(() => {
    const edited = differsFromDefaults(state.values, defaults) || chosenEndpointId !== savedEndpointId;
    saveFormDraft(
      workflow.id,
      edited ? { version, values: state.values, ...(chosenEndpointId ? { endpointId: chosenEndpointId } : {}) } : null,
    );
  }, [workflow.id, version, state.values, defaults, chosenEndpointId, savedEndpointId]);

  const uploads = useMemo(
    () => Object.values(state.images).map((upload) => ({ name: upload.name, image: upload.base64 })),
    [state.images],
  );
  const size = useMemo(() => measureRequest({ workflow: graph, images: uploads }), [graph, uploads]);
  const sweep = useMemo(() => planSweep(state.sweep, seedField?.path), [state.sweep, seedField?.path]);
  const problems = useMemo(() => valueProblems(fields, state.values), [fields, state.values]);
  const blockedReason = runBlockedReason({ endpointId, problems, size, sweepError: sweep.error });

  const runAction = useAction(runWorkflowAction, {
    onSuccess: ({ runs }) => {
      const failed = runs.filter((entry) => entry.failure).length;
      if (failed) toast.error(`${failed} of ${runs.length} ${runs.length === 1 ? "job" : "jobs"} could not be sent.`);
      else toast.success(runs.length === 1 ? "Job sent." : `${runs.length} jobs sent.`);
      const axes = state.sweep.on ? { prompts: sweep.prompts, seeds: sweep.seeds } : null;
      dispatch({ type: "runFinished", runs, sweep: axes });
      onRunSent();
    },
    onError: (error) => dispatch({ type: "runFailed", error }),
  });
  const defaultAction = useAction(setDefaultEndpointAction, {
    onSuccess: (_, input) => {
      dispatch({ type: "defaultEndpointSaved", endpointId: input.endpointId });
      toast.success("Default endpoint saved.");
    },
    onError: (error) => toast.error(error.message),
  });

  const run = () => {
    if (blockedReason) return;
    dispatch({ type: "runStarted" });
    void runAction.run({
      workflowId: workflow.id,
      version,
      endpointId,
      values: state.values,
      randomise: state.randomise,
      outputNodeId: state.outputNodeId || undefined,
      images: uploads,
      sweep: sweep.spec,
    });
  };

  const chooseImage = async (path: string, file: File | undefined) => {
    if (!file) {
      const value = fields.find((field) => field.path === path)?.defaultValue ?? "";
      return dispatch({ type: "imageRemoved", path, value });
    }
    if (!IMAGE_TYPES.test(file.type))
      return dispatch({ type: "imageRefused", message: `${file.name} is not a PNG, JPEG or WebP image.` });
    let base64: string;
    try {
      base64 = await readFileAsBase64(file);
    } catch {
      return dispatch({ type: "imageRefused", message: `${file.name} could not be read.` });
    }
    const taken = new Set(
      Object.entries(state.images)
        .filter(([other]) => other !== path)
        .map(([, upload]) => upload.name),
    );
    const upload = { name: uniqueImageName(file.name, taken), base64, bytes: file.size };
    dispatch({ type: "imageChosen", path, upload: { ...upload, previewUrl: `data:${file.type};base64,${base64}` } });
  };

  return {
    version,
    /** Shows a version in the form, and in the URL unless it is the default one. */
    selectVersion: (next: number) => {
      void setSelectedVersion(next);
      dispatch({ type: "versionSelected", values: startingValues(next) });
    },
    /** After a new version is saved: the form follows the default (the latest) again once the page reloads. */
    followDefaultVersion: () => void setSelectedVersion(null),
    graph,
    fields,
    outputIds,
    seedField,
    promptFields,
    curation,
    state,
    dispatch,
    endpoints,
    endpointsError: endpointsError?.message,
    /** The endpoint a run goes to: the one chosen, else the only ComfyUI endpoint. */
    endpointId,
    size,
    sweep,
    problems,
    blockedReason,
    /** One of the page's actions (run, default endpoint, form layout) is under way. */
    pending: runAction.pending || defaultAction.pending || curation.pending,
    run,
    makeDefault: () => void defaultAction.run({ workflowId: workflow.id, endpointId }),
    chooseImage,
  };
}

/** What `useWorkflowRun` hands the workspace and its panels. */
export type WorkflowRun = ReturnType<typeof useWorkflowRun>;
