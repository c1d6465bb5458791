/**
 * The input form of a workflow: which node inputs become fields (by node path such as `6.inputs.text`), how they
 * are labelled and grouped, and how the form's values are written back into a copy of the graph. Browser-safe.
 */
import { isLink, nodeTitle, sortNodeIds, type ApiGraph, type ApiNode } from "./graph";

export type FieldKind = "prompt" | "seed" | "integer" | "number" | "choice" | "model" | "image";
export type FieldGroup = "basic" | "advanced";

export interface WorkflowField {
  /** `<node id>.inputs.<input name>`: stable across versions as long as the node keeps its id. */
  path: string;
  nodeId: string;
  input: string;
  classType: string;
  nodeTitle: string | undefined;
  kind: FieldKind;
  label: string;
  group: FieldGroup;
  /** The value in the graph. */
  defaultValue: string | number;
  /** Known choices for sampler and scheduler names (ComfyUI's own lists), offered as suggestions. */
  suggestions?: readonly string[];
  min?: number;
  max?: number;
  step?: number;
}

export const SAMPLER_NAMES = [
  "euler",
  "euler_ancestral",
  "heun",
  "dpm_2",
  "dpm_2_ancestral",
  "lms",
  "dpm_fast",
  "dpm_adaptive",
  "dpmpp_2s_ancestral",
  "dpmpp_sde",
  "dpmpp_2m",
  "dpmpp_2m_sde",
  "dpmpp_3m_sde",
  "ddim",
  "uni_pc",
  "lcm",
] as const;
export const SCHEDULER_NAMES = [
  "normal",
  "karras",
  "exponential",
  "sgm_uniform",
  "simple",
  "ddim_uniform",
  "beta",
] as const;

/** ComfyUI's largest seed is 2^64 − 1; a browser's number is exact up to 2^53, so random seeds stay below that. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

const LATENT_CLASSES = new Set([
  "EmptyLatentImage",
  "EmptySD3LatentImage",
  "EmptyHunyuanLatentVideo",
  "EmptyLTXVLatentVideo",
]);
const PROMPT_INPUTS: Record<string, readonly string[]> = {
  CLIPTextEncode: ["text"],
  CLIPTextEncodeFlux: ["clip_l", "t5xxl"],
  CLIPTextEncodeSDXL: ["text_g", "text_l"],
};
const MODEL_INPUTS: Record<string, string> = {
  ckpt_name: "Checkpoint",
  unet_name: "UNet",
  vae_name: "VAE",
  lora_name: "LoRA",
  clip_name: "CLIP",
  clip_name1: "CLIP 1",
  clip_name2: "CLIP 2",
};
const SAMPLER_NUMBERS: Record<
  string,
  { label: string; kind: "integer" | "number"; min?: number; max?: number; step?: number }
> = {
  steps: { label: "Steps", kind: "integer", min: 1, max: 10_000, step: 1 },
  cfg: { label: "CFG", kind: "number", min: 0, max: 100, step: 0.1 },
  denoise: { label: "Denoise", kind: "number", min: 0, max: 1, step: 0.01 },
};
/** Order of inputs within one node: the database (jsonb) does not keep a graph's key order, so it is restored here. */
const INPUT_RANK: Record<string, number> = {
  clip_l: 0,
  t5xxl: 1,
  text_g: 0,
  text_l: 1,
  width: 0,
  height: 1,
  batch_size: 2,
  seed: 0,
  noise_seed: 0,
  steps: 1,
  cfg: 2,
  sampler_name: 3,
  scheduler: 4,
  denoise: 5,
  strength_model: 1,
  strength_clip: 2,
};
const KIND_ORDER: Record<FieldKind, number> = {
  prompt: 0,
  image: 1,
  seed: 2,
  integer: 3,
  number: 4,
  choice: 5,
  model: 6,
};
const IMAGE_LOADERS = new Set(["LoadImage", "LoadImageMask"]);

type Candidate = Omit<
  WorkflowField,
  "path" | "nodeId" | "classType" | "nodeTitle" | "input" | "label" | "defaultValue"
> & { baseLabel: string };

/** Which sampler input (positive / negative) consumes a node, so the two CLIPTextEncode prompts get their names. */
function conditioningRoles(graph: ApiGraph): Map<string, "positive" | "negative"> {
  const roles = new Map<string, "positive" | "negative">();
  const follow = (id: string, role: "positive" | "negative", seen: Set<string>) => {
    if (seen.has(id) || !graph[id]) return;
    seen.add(id);
    if (PROMPT_INPUTS[graph[id]!.class_type]) {
      if (!roles.has(id)) roles.set(id, role);
      return;
    }
    // Through conditioning modifiers (FluxGuidance, ConditioningZeroOut, ControlNetApply …) to the text encoder.
    for (const value of Object.values(graph[id]!.inputs)) if (isLink(value)) follow(value[0], role, seen);
  };
  for (const node of Object.values(graph)) {
    for (const role of ["positive", "negative"] as const) {
      const value = node.inputs?.[role];
      if (isLink(value)) follow(value[0], role, new Set());
    }
  }
  return roles;
}

function candidateFor(
  node: ApiNode,
  input: string,
  value: unknown,
  role: "positive" | "negative" | undefined,
): Candidate | undefined {
  const classType = node.class_type;
  if (PROMPT_INPUTS[classType]?.includes(input) && typeof value === "string") {
    const base = role === "negative" ? "Negative prompt" : "Prompt";
    const suffix =
      PROMPT_INPUTS[classType]!.length > 1
        ? ` (${input === "clip_l" ? "CLIP-L" : input === "t5xxl" ? "T5-XXL" : input})`
        : "";
    return { kind: "prompt", baseLabel: base + suffix, group: "basic" };
  }
  if (typeof value === "number" && (input === "seed" || input === "noise_seed")) {
    return { kind: "seed", baseLabel: "Seed", group: "basic", min: 0, max: MAX_SEED, step: 1 };
  }
  if (
    typeof value === "number" &&
    SAMPLER_NUMBERS[input] &&
    ("steps" in node.inputs || "cfg" in node.inputs || input !== "denoise")
  ) {
    const spec = SAMPLER_NUMBERS[input]!;
    return { kind: spec.kind, baseLabel: spec.label, group: "advanced", min: spec.min, max: spec.max, step: spec.step };
  }
  if (typeof value === "string" && input === "sampler_name")
    return { kind: "choice", baseLabel: "Sampler", group: "advanced", suggestions: SAMPLER_NAMES };
  if (typeof value === "string" && input === "scheduler")
    return { kind: "choice", baseLabel: "Scheduler", group: "advanced", suggestions: SCHEDULER_NAMES };
  if (LATENT_CLASSES.has(classType) && typeof value === "number") {
    if (input === "width" || input === "height")
      return {
        kind: "integer",
        baseLabel: input === "width" ? "Width" : "Height",
        group: "basic",
        min: 16,
        max: 16_384,
        step: 8,
      };
    if (input === "batch_size")
      return { kind: "integer", baseLabel: "Batch size", group: "advanced", min: 1, max: 64, step: 1 };
  }
  if (classType === "CLIPTextEncodeFlux" && input === "guidance" && typeof value === "number") {
    return { kind: "number", baseLabel: "Guidance", group: "advanced", min: 0, max: 100, step: 0.1 };
  }
  if (typeof value === "string" && MODEL_INPUTS[input])
    return { kind: "model", baseLabel: MODEL_INPUTS[input]!, group: "advanced" };
  if (
    classType.startsWith("LoraLoader") &&
    (input === "strength_model" || input === "strength_clip") &&
    typeof value === "number"
  ) {
    return {
      kind: "number",
      baseLabel: input === "strength_model" ? "LoRA strength (model)" : "LoRA strength (CLIP)",
      group: "advanced",
      min: -10,
      max: 10,
      step: 0.05,
    };
  }
  if (IMAGE_LOADERS.has(classType) && input === "image" && typeof value === "string")
    return { kind: "image", baseLabel: "Input image", group: "basic" };
  return undefined;
}

/** The fields a workflow offers, in the order a person fills them in: prompts, images, seed, sizes, the rest. */
export function extractFields(graph: ApiGraph): WorkflowField[] {
  const roles = conditioningRoles(graph);
  const fields: (WorkflowField & { baseLabel: string })[] = [];
  for (const nodeId of sortNodeIds(Object.keys(graph))) {
    const node = graph[nodeId]!;
    if (!node || typeof node.inputs !== "object" || node.inputs === null) continue;
    for (const [input, value] of Object.entries(node.inputs)) {
      if (isLink(value)) continue;
      const candidate = candidateFor(node, input, value, roles.get(nodeId));
      if (!candidate) continue;
      const { baseLabel, ...rest } = candidate;
      fields.push({
        ...rest,
        baseLabel,
        path: fieldPath(nodeId, input),
        nodeId,
        input,
        classType: node.class_type,
        nodeTitle: nodeTitle(node),
        label: baseLabel,
        defaultValue: value as string | number,
      });
    }
  }
  // Two fields with one label (two samplers' seeds) are told apart by their node.
  const counts = new Map<string, number>();
  for (const field of fields) counts.set(field.baseLabel, (counts.get(field.baseLabel) ?? 0) + 1);
  const sorted = fields
    .map((field, index) => ({ field, index }))
    .sort(
      (a, b) =>
        KIND_ORDER[a.field.kind] - KIND_ORDER[b.field.kind] ||
        (a.field.nodeId === b.field.nodeId ? (INPUT_RANK[a.field.input] ?? 9) - (INPUT_RANK[b.field.input] ?? 9) : 0) ||
        a.index - b.index,
    )
    .map(({ field }) => field);
  return sorted.map(({ baseLabel, ...field }) => {
    const shared = (counts.get(baseLabel) ?? 0) > 1;
    return { ...field, label: shared ? `${baseLabel} · ${field.nodeTitle ?? `node ${field.nodeId}`}` : baseLabel };
  });
}

/** The node path of one input, e.g. `6.inputs.text`. */
export function fieldPath(nodeId: string, input: string): string {
  return `${nodeId}.inputs.${input}`;
}

/** `6.inputs.text` → ["6", "text"]; node ids may contain dots (`12.3` from group nodes), input names do not. */
export function splitFieldPath(path: string): { nodeId: string; input: string } | undefined {
  const marker = path.lastIndexOf(".inputs.");
  if (marker <= 0) return undefined;
  const input = path.slice(marker + ".inputs.".length);
  return input ? { nodeId: path.slice(0, marker), input } : undefined;
}

export type FormValues = Record<string, string | number>;

/** The graph's own values, keyed by path. */
export function defaultValues(fields: WorkflowField[]): FormValues {
  return Object.fromEntries(fields.map((field) => [field.path, field.defaultValue]));
}

/** Why a value cannot go into its field, or undefined when it can. */
export function fieldProblem(field: WorkflowField, value: string | number | undefined): string | undefined {
  if (value === undefined || value === "") {
    if (field.kind === "prompt") return undefined;
    return field.kind === "image" ? "Choose an image." : `Enter ${field.label.toLowerCase()}.`;
  }
  if (field.kind === "integer" || field.kind === "seed" || field.kind === "number") {
    const number = typeof value === "number" ? value : Number(String(value).trim());
    if (!Number.isFinite(number) || String(value).trim() === "") return "Enter a number.";
    if (field.kind !== "number" && !Number.isInteger(number)) return "Use a whole number.";
    if (field.min !== undefined && number < field.min) return `Use at least ${field.min}.`;
    if (field.max !== undefined && number > field.max) return `Use at most ${field.max}.`;
  }
  return undefined;
}

/** A value as the graph wants it: numbers for numeric fields, text otherwise. */
export function coerceValue(field: WorkflowField, value: string | number): string | number {
  if (field.kind === "integer" || field.kind === "seed" || field.kind === "number")
    return typeof value === "number" ? value : Number(value.trim());
  return String(value);
}

/** Every problem of a set of values, keyed by path (empty when they can all be sent). */
export function valueProblems(fields: WorkflowField[], values: FormValues): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const problem = fieldProblem(field, values[field.path]);
    if (problem) problems[field.path] = problem;
  }
  return problems;
}

/**
 * A copy of the graph with the values written into their node inputs. Values for paths the graph does not have
 * (a field of an older version) are ignored; links are never overwritten.
 */
export function applyValues(graph: ApiGraph, fields: WorkflowField[], values: FormValues): ApiGraph {
  const copy = structuredClone(graph);
  const byPath = new Map(fields.map((field) => [field.path, field]));
  for (const [path, value] of Object.entries(values)) {
    const field = byPath.get(path);
    const node = field ? copy[field.nodeId] : undefined;
    if (!field || !node || isLink(node.inputs[field.input])) continue;
    node.inputs[field.input] = coerceValue(field, value);
  }
  return copy;
}

/** A seed drawn uniformly from 0 … MAX_SEED. */
export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * (MAX_SEED + 1));
}

/** Seeds marked "randomise" get a fresh value; the result is what the run records (so it can be repeated). */
export function resolveSeeds(
  fields: WorkflowField[],
  values: FormValues,
  randomise: Record<string, boolean>,
  random: () => number = Math.random,
): FormValues {
  const resolved = { ...values };
  for (const field of fields)
    if (field.kind === "seed" && randomise[field.path]) resolved[field.path] = randomSeed(random);
  return resolved;
}
