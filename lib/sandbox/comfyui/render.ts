/**
 * The simulated ComfyUI worker's "GPU": traces each image output node back
 * through the workflow to the sampler and latent that feed it, then paints a
 * deterministic stand-in picture per batch image.
 *
 * The tracing is deliberately forgiving — real workflows put LoRA loaders,
 * conditioning combiners, primitives and custom nodes in between — so it walks
 * links breadth-first and takes the first node that carries what it needs,
 * falling back to ComfyUI's own defaults when nothing does.
 */

import { encodePng } from "./png";
import { hashString, paintPicture } from "./paint";
import { describeNode, isLink, type ApiWorkflow, type ApiWorkflowNode } from "./workflow";

export type RenderedImage = {
  filename: string;
  width: number;
  height: number;
  png: Buffer;
  /** The output node that saved this image (ComfyUI reports outputs per node). */
  nodeId: string;
};

export type RenderResult = { images: RenderedImage[]; steps: number };

export type RenderOptions = {
  /** Render only this output node (Novita's `output_node_id`). */
  outputNodeId?: string;
  /** The job being rendered; names PreviewImage files the way ComfyUI's temp names vary per run. */
  jobId: string;
};

/** Output classes the renderer can produce; video outputs are not simulated. */
export const IMAGE_OUTPUT_CLASS_TYPES: readonly string[] = ["SaveImage", "PreviewImage"];

export const DEFAULT_SEED = 0;
export const DEFAULT_STEPS = 20;
export const DEFAULT_SIZE = 512;
/** Bounds that keep one sandbox job from allocating gigabytes. */
export const MIN_SIDE = 16;
export const MAX_SIDE = 2048;
export const MAX_BATCH = 16;

/** The parameters of one output node's pictures, as traced from the graph. */
type OutputPlan = {
  nodeId: string;
  filenamePrefix: string;
  seed: number;
  prompt: string;
  width: number;
  height: number;
  batchSize: number;
  /** `steps` of every sampler upstream of the output (hires-fix has two). */
  samplerSteps: number[];
};

/** Inputs that carry the latent being denoised, not the sampler's settings. */
const LATENT_INPUTS = new Set(["latent_image", "latent", "samples"]);
/** Where the positive conditioning enters the various sampler nodes. */
const POSITIVE_INPUTS = ["positive", "guider", "conditioning"];
/** Text fields of CLIPTextEncode, CLIPTextEncodeFlux, CLIPTextEncodeSDXL, and string primitives. */
const PROMPT_FIELDS = ["text", "t5xxl", "clip_l", "text_g", "text_l", "prompt", "string", "value"];

export function renderWorkflow(workflow: ApiWorkflow, options: RenderOptions): RenderResult {
  const plans = selectOutputNodes(workflow, options.outputNodeId).map((id) => planOutput(workflow, id, options.jobId));
  const images: RenderedImage[] = [];
  for (const plan of plans) {
    for (let batchIndex = 0; batchIndex < plan.batchSize; batchIndex++) {
      images.push(renderImage(plan, batchIndex, images.length + 1));
    }
  }
  const steps = Math.max(0, ...plans.flatMap((plan) => plan.samplerSteps));
  return { images, steps };
}

function renderImage(plan: OutputPlan, batchIndex: number, counter: number): RenderedImage {
  const { width, height } = plan;
  const rgba = paintPicture({ width, height, seed: plan.seed, batchIndex, prompt: plan.prompt });
  return {
    filename: `${plan.filenamePrefix}_${String(counter).padStart(5, "0")}_.png`,
    width,
    height,
    png: encodePng(width, height, rgba),
    nodeId: plan.nodeId,
  };
}

/** The image output nodes to render, in ComfyUI-like numeric id order. */
function selectOutputNodes(workflow: ApiWorkflow, outputNodeId: string | undefined): string[] {
  if (outputNodeId !== undefined) {
    const node = workflow[outputNodeId];
    if (!node) throw new Error(`Output node "${outputNodeId}" does not exist in the workflow.`);
    if (!isImageOutput(node)) {
      throw new Error(
        `${describeNode(outputNodeId, node)} was chosen as the output node, but it is not a ` +
          `${IMAGE_OUTPUT_CLASS_TYPES.join(" or ")} node.`,
      );
    }
    return [outputNodeId];
  }
  const ids = Object.keys(workflow)
    .filter((id) => isImageOutput(workflow[id]))
    .sort(compareNodeIds);
  if (ids.length === 0) {
    throw new Error(
      `The sandbox renders images only, and this workflow has no ${IMAGE_OUTPUT_CLASS_TYPES.join(" or ")} node.`,
    );
  }
  return ids;
}

function planOutput(workflow: ApiWorkflow, nodeId: string, jobId: string): OutputPlan {
  const output = workflow[nodeId] as ApiWorkflowNode;
  const imageSources = linkedIds(output, (name) => name === "images");
  const samplers = [...walkUpstream(workflow, imageSources)].filter(([, node]) => isSampler(node));
  const nearest = samplers[0];
  const latentSources = nearest ? linkedIds(nearest[1], (name) => LATENT_INPUTS.has(name)) : imageSources;
  const latent = traceLatent(workflow, latentSources);

  return {
    nodeId,
    filenamePrefix: filenamePrefix(output, jobId),
    seed: nearest ? traceSeed(workflow, nearest[0]) : DEFAULT_SEED,
    prompt: nearest ? tracePrompt(workflow, nearest[1]) : "",
    ...latent,
    samplerSteps: samplers.map(([id]) => traceSteps(workflow, id)),
  };
}

/** Sampler settings may sit on the sampler or, for SamplerCustomAdvanced, on RandomNoise/BasicScheduler. */
function traceSeed(workflow: ApiWorkflow, samplerId: string): number {
  return findNumberUpstream(workflow, samplerId, ["seed", "noise_seed"]) ?? DEFAULT_SEED;
}

function traceSteps(workflow: ApiWorkflow, samplerId: string): number {
  const steps = findNumberUpstream(workflow, samplerId, ["steps"]);
  return steps !== undefined && steps >= 0 ? Math.round(steps) : DEFAULT_STEPS;
}

/** The first prompt text on the positive side; the negative branch is never entered. */
function tracePrompt(workflow: ApiWorkflow, sampler: ApiWorkflowNode): string {
  const notNegative = (name: string) => name !== "negative";
  const positive = linkedIds(sampler, (name) => POSITIVE_INPUTS.includes(name));
  const starts = positive.length > 0 ? positive : linkedIds(sampler, notNegative);
  for (const [, node] of walkUpstream(workflow, starts, notNegative)) {
    const text = promptText(node);
    if (text !== undefined) return text;
  }
  return "";
}

/** Flux encoders carry the prompt twice (clip_l, t5xxl); join the distinct texts once each. */
function promptText(node: ApiWorkflowNode): string | undefined {
  const texts = PROMPT_FIELDS.map((field) => node.inputs[field])
    .filter((value): value is string => typeof value === "string" && value.trim() !== "")
    .map((value) => value.trim());
  return texts.length > 0 ? [...new Set(texts)].join(" ") : undefined;
}

/** Size and batch from the latent source (EmptyLatentImage, EmptySD3LatentImage, LatentUpscale, …). */
function traceLatent(workflow: ApiWorkflow, starts: string[]): Pick<OutputPlan, "width" | "height" | "batchSize"> {
  let width: number | undefined;
  let height: number | undefined;
  let batchSize: number | undefined;
  for (const [, node] of walkUpstream(workflow, starts)) {
    if (width === undefined) {
      const w = readNumber(workflow, node, "width");
      const h = readNumber(workflow, node, "height");
      if (w !== undefined && h !== undefined) [width, height] = [w, h];
    }
    batchSize ??= readNumber(workflow, node, "batch_size");
    if (width !== undefined && batchSize !== undefined) break;
  }
  return {
    width: clampInt(width ?? DEFAULT_SIZE, MIN_SIDE, MAX_SIDE),
    height: clampInt(height ?? DEFAULT_SIZE, MIN_SIDE, MAX_SIDE),
    batchSize: clampInt(batchSize ?? 1, 1, MAX_BATCH),
  };
}

/**
 * SaveImage names files `<prefix>_00001_.png`; a prefix like "portraits/test"
 * only picks a subfolder in ComfyUI, so the file name keeps the last part.
 * PreviewImage writes temp files named `ComfyUI_temp_<5 random letters>`;
 * the letters here come from the job id so they differ per job yet replay exactly.
 */
function filenamePrefix(output: ApiWorkflowNode, jobId: string): string {
  if (output.class_type === "PreviewImage") return `ComfyUI_temp_${lettersFrom(jobId)}`;
  const prefix = output.inputs.filename_prefix;
  const name = typeof prefix === "string" ? (prefix.split(/[\\/]/).pop() ?? "").trim() : "";
  return name === "" ? "ComfyUI" : name;
}

function lettersFrom(text: string): string {
  let hash = hashString(text); // 26^5 < 2^32, so five base-26 digits fit
  let letters = "";
  for (let i = 0; i < 5; i++) {
    letters += String.fromCharCode(97 + (hash % 26));
    hash = Math.floor(hash / 26);
  }
  return letters;
}

/**
 * KSampler, KSamplerAdvanced, SamplerCustom(Advanced) and custom variants such
 * as "KSampler (Efficient)" — but not KSamplerSelect, which only names an algorithm.
 */
function isSampler(node: ApiWorkflowNode): boolean {
  return /ksampler(?!select)|samplercustom/i.test(node.class_type);
}

function isImageOutput(node: ApiWorkflowNode | undefined): boolean {
  return node !== undefined && IMAGE_OUTPUT_CLASS_TYPES.includes(node.class_type);
}

/** First value of `keys` on the node or its settings inputs, skipping the latent chain (an earlier pass). */
function findNumberUpstream(workflow: ApiWorkflow, startId: string, keys: string[]): number | undefined {
  for (const [, node] of walkUpstream(workflow, [startId], (name) => !LATENT_INPUTS.has(name))) {
    for (const key of keys) {
      const value = readNumber(workflow, node, key);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** A number input, or a number a link points at (a primitive node holding it as `key` or `value`). */
function readNumber(workflow: ApiWorkflow, node: ApiWorkflowNode, key: string, depth = 0): number | undefined {
  const value = node.inputs[key];
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (!isLink(value) || depth > 4) return undefined;
  const source = workflow[value[0]];
  if (!source) return undefined;
  return readNumber(workflow, source, key, depth + 1) ?? readNumber(workflow, source, "value", depth + 1);
}

/** Breadth-first over the nodes feeding `startIds` (inclusive), each node once, cycles tolerated. */
function* walkUpstream(
  workflow: ApiWorkflow,
  startIds: string[],
  followInput: (name: string) => boolean = () => true,
): Generator<[string, ApiWorkflowNode]> {
  const seen = new Set<string>();
  const queue = [...startIds];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    const node = workflow[id];
    if (seen.has(id) || !node) continue;
    seen.add(id);
    yield [id, node];
    queue.push(...linkedIds(node, followInput));
  }
}

function linkedIds(node: ApiWorkflowNode, followInput: (name: string) => boolean): string[] {
  return Object.entries(node.inputs)
    .filter(([name, value]) => followInput(name) && isLink(value))
    .map(([, value]) => (value as [string, number])[0]);
}

/** "9" before "10": ComfyUI ids are usually integers but any string is allowed. */
function compareNodeIds(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}
