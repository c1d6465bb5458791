/**
 * The state of a workflow's run form as one pure reducer: the form's values, the seeds to randomise, uploaded
 * images, the endpoint and output node, the sweep as typed, and what the last run sent. The selected version lives
 * in the URL (`useWorkflowRun`); choosing one hands its starting values in here.
 */
import type { ActionError } from "@/lib/actions/result";
import type { FormValues } from "@/lib/comfyui/fields";
import type { SweepDraft } from "@/lib/comfyui/sweep";
import type { RequestSize } from "@/components/jobs/editor/json-text";
import type { WorkflowRunView } from "./run-results";
import type { ImageUpload } from "./workflow-form";

/** What the last run sent; a sweep also keeps its grid's axes. */
export interface LastRun {
  runs: WorkflowRunView[];
  sweep: { prompts: string[]; seeds: number[] } | null;
}

export interface WorkflowRunState {
  values: FormValues;
  randomise: Record<string, boolean>;
  /** By the path of the LoadImage input they replace. */
  images: Record<string, ImageUpload>;
  imageError: string | null;
  /** The server's word on single fields, by node path. */
  errors: Record<string, string>;
  /** The endpoint chosen; "" while none is (the workspace may then offer the only ComfyUI endpoint). */
  endpointId: string;
  defaultEndpointId: string | null;
  /** "" for every output node (the worker's default). */
  outputNodeId: string;
  sweep: SweepDraft;
  lastRun: LastRun | null;
  runError: string | null;
}

export type WorkflowRunAction =
  /** Another version is in the form: its starting values replace the form's. */
  | { type: "versionSelected"; values: FormValues }
  /** "Reset to the workflow's values". */
  | { type: "valuesReset"; values: FormValues }
  | { type: "valueSet"; path: string; value: string | number }
  | { type: "randomiseSet"; path: string; on: boolean }
  | { type: "imageChosen"; path: string; upload: ImageUpload }
  /** The upload goes; the input gets the graph's own value back. */
  | { type: "imageRemoved"; path: string; value: string | number }
  | { type: "imageRefused"; message: string }
  | { type: "endpointChosen"; endpointId: string }
  | { type: "defaultEndpointSaved"; endpointId: string | null }
  | { type: "outputNodeChosen"; nodeId: string }
  | { type: "sweepChanged"; change: Partial<SweepDraft> }
  | { type: "runStarted" }
  | { type: "runFailed"; error: ActionError }
  | { type: "runFinished"; runs: WorkflowRunView[]; sweep: LastRun["sweep"] };

/** The form as a page opens it. */
export function initialRunState(start: {
  values: FormValues;
  defaultEndpointId: string | null;
  outputNodeId: string;
  /** The first prompt field, the one a sweep's prompts go into unless another is chosen. */
  promptPath: string;
}): WorkflowRunState {
  return {
    values: start.values,
    randomise: {},
    images: {},
    imageError: null,
    errors: {},
    endpointId: start.defaultEndpointId ?? "",
    defaultEndpointId: start.defaultEndpointId,
    outputNodeId: start.outputNodeId,
    sweep: { on: false, seedsText: "", promptsText: "", promptPath: start.promptPath },
    lastRun: null,
    runError: null,
  };
}

/** The next state of the run form after one action. */
export function workflowRunReducer(state: WorkflowRunState, action: WorkflowRunAction): WorkflowRunState {
  switch (action.type) {
    case "versionSelected":
    case "valuesReset":
      return { ...state, values: action.values, errors: {} };
    case "valueSet":
      return { ...state, values: { ...state.values, [action.path]: action.value } };
    case "randomiseSet":
      return { ...state, randomise: { ...state.randomise, [action.path]: action.on } };
    case "imageChosen":
      return {
        ...state,
        images: { ...state.images, [action.path]: action.upload },
        values: { ...state.values, [action.path]: action.upload.name },
        imageError: null,
      };
    case "imageRemoved":
      return {
        ...state,
        images: Object.fromEntries(Object.entries(state.images).filter(([path]) => path !== action.path)),
        values: { ...state.values, [action.path]: action.value },
        imageError: null,
      };
    case "imageRefused":
      return { ...state, imageError: action.message };
    case "endpointChosen":
      return { ...state, endpointId: action.endpointId };
    case "defaultEndpointSaved":
      return { ...state, defaultEndpointId: action.endpointId };
    case "outputNodeChosen":
      return { ...state, outputNodeId: action.nodeId };
    case "sweepChanged":
      return { ...state, sweep: { ...state.sweep, ...action.change } };
    case "runStarted":
      return { ...state, runError: null, errors: {} };
    case "runFailed":
      return { ...state, ...failureOf(action.error) };
    case "runFinished":
      return {
        ...state,
        lastRun: { runs: action.runs, sweep: action.sweep },
        values: action.sweep ? state.values : { ...state.values, ...randomisedValues(state, action.runs.at(-1)) },
      };
  }
}

/** A refused run: errors on a node input go to their fields; otherwise the first field's message, or the message. */
function failureOf(error: ActionError): Pick<WorkflowRunState, "errors" | "runError"> {
  const fields = error.fields ?? {};
  const errors = Object.fromEntries(Object.entries(fields).filter(([path]) => path.includes(".inputs.")));
  return {
    errors,
    runError: Object.keys(errors).length ? error.message : (Object.values(fields)[0] ?? error.message),
  };
}

/** Seeds that randomise show the value the run used, so it can be read and repeated. */
function randomisedValues(state: WorkflowRunState, last: WorkflowRunView | undefined): FormValues {
  if (!last) return {};
  return Object.fromEntries(Object.entries(last.inputs.values).filter(([path]) => state.randomise[path]));
}

/** Why Run is disabled, or null when a run may go. */
export function runBlockedReason(check: {
  endpointId: string;
  problems: Record<string, string>;
  size: RequestSize;
  sweepError: string | undefined;
}): string | null {
  if (!check.endpointId) return "Choose an endpoint to run on.";
  if (Object.keys(check.problems).length) return "Some fields need attention.";
  if (check.size.level === "over") return "The images make the job larger than 4 MiB; use smaller images.";
  return check.sweepError ?? null;
}
