/**
 * ComfyUI workflows as the console reads them: the API format (node id → `{class_type, inputs}`), the UI "Save"
 * format (`nodes` + `links`, which a worker cannot run), and checks that name the node at fault. Browser-safe.
 *
 * The sandbox keeps its own reading of the format (lib/sandbox/comfyui) on purpose: two independent readings of one
 * contract catch each other's mistakes.
 */

export interface ApiNode {
  class_type: string;
  inputs: Record<string, unknown>;
  _meta?: { title?: string };
}

/** An API-format graph: node id → node. */
export type ApiGraph = Record<string, ApiNode>;

/** A link from an input to output slot `slot` of node `nodeId`, ComfyUI's `is_link` rule. */
export type Link = [nodeId: string, slot: number];

/** Whether an input value is a link (`["4", 0]`) rather than a literal. */
export function isLink(value: unknown): value is Link {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "number";
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Node classes whose results ComfyUI reports as job outputs (images, animations, videos). */
export const OUTPUT_CLASS_TYPES: readonly string[] = [
  "SaveImage",
  "PreviewImage",
  "SaveAnimatedWEBP",
  "SaveAnimatedPNG",
  "SaveWEBM",
  "SaveVideo",
  "VHS_VideoCombine",
  "Image Save",
];

/** Whether the node is one whose results the job returns. */
export function isOutputNode(node: ApiNode): boolean {
  return OUTPUT_CLASS_TYPES.includes(node.class_type);
}

/**
 * How many outputs a well-known node class has, so a link to slot 3 of a checkpoint loader (which has 3: MODEL,
 * CLIP, VAE) is caught before a worker refuses it. Unknown classes (custom nodes) accept any slot up to a sane cap.
 */
const OUTPUT_SLOTS: Record<string, number> = {
  CheckpointLoaderSimple: 3,
  CheckpointLoader: 3,
  ImageOnlyCheckpointLoader: 3,
  UNETLoader: 1,
  VAELoader: 1,
  CLIPLoader: 1,
  DualCLIPLoader: 1,
  TripleCLIPLoader: 1,
  LoraLoader: 2,
  LoraLoaderModelOnly: 1,
  CLIPTextEncode: 1,
  CLIPTextEncodeFlux: 1,
  CLIPTextEncodeSDXL: 1,
  ConditioningZeroOut: 1,
  FluxGuidance: 1,
  KSampler: 1,
  KSamplerAdvanced: 1,
  SamplerCustomAdvanced: 2,
  EmptyLatentImage: 1,
  EmptySD3LatentImage: 1,
  VAEDecode: 1,
  VAEEncode: 1,
  LoadImage: 2,
  LoadImageMask: 1,
  ImageScale: 1,
  LatentUpscale: 1,
  SaveImage: 0,
  PreviewImage: 0,
  SaveAnimatedWEBP: 0,
  SaveAnimatedPNG: 0,
  SaveWEBM: 0,
};
const MAX_UNKNOWN_SLOT = 63;

/** The title a node was given in ComfyUI (`_meta.title`), if any. */
export function nodeTitle(node: unknown): string | undefined {
  const meta = isRecord(node) ? node._meta : undefined;
  const title = isRecord(meta) ? meta.title : undefined;
  if (typeof title === "string" && title.trim()) return title.trim();
  return undefined;
}

/** "node 8 “VAE Decode”": the id and the title the user sees in ComfyUI (else the class). */
export function describeNode(id: string, node: unknown): string {
  if (!isRecord(node)) return `node ${id}`;
  const label =
    nodeTitle(node) ?? (typeof node.class_type === "string" && node.class_type ? node.class_type : undefined);
  return label ? `node ${id} “${label}”` : `node ${id}`;
}

export type WorkflowFormat = "api" | "ui" | "unknown";

/** API format, the UI "Save" format, or neither. */
export function detectWorkflowFormat(value: unknown): WorkflowFormat {
  if (!isRecord(value)) return "unknown";
  if (Array.isArray(value.nodes) && (Array.isArray(value.links) || "last_node_id" in value)) return "ui";
  const nodes = Object.values(value);
  if (nodes.length === 0) return "unknown";
  // One recognisable node is enough to call it API format, so validation can then name the broken ones.
  const allObjects = nodes.every(isRecord);
  const someClassType = nodes.some((node) => isRecord(node) && typeof node.class_type === "string");
  return allObjects && someClassType ? "api" : "unknown";
}

/** How to get the API format out of ComfyUI, step by step; shown whenever a UI-format file arrives. */
export const UI_FORMAT_EXPLANATION = {
  title: "This is ComfyUI's UI format, not the API format",
  summary:
    "The file ComfyUI's normal “Save” writes (top-level “nodes” and “links”) describes the canvas, " +
    "not the job. Workers run the API format, and converting one into the other needs the node definitions " +
    "of your ComfyUI server, so the console does not guess. Export the API format from ComfyUI and import " +
    "that file instead:",
  steps: [
    "New menu (ComfyUI 0.3 and later): open the workflow, then Workflow → Export (API), and save the .json file.",
    "Old menu: click the gear (Settings), turn on “Enable Dev mode Options”, close the settings, " +
      "then click “Save (API Format)” in the side menu.",
    "Import the exported file here. It maps node ids to {class_type, inputs}, which is what the worker runs.",
  ],
} as const;

export interface WorkflowIssue {
  /** The node at fault, when there is one. */
  nodeId?: string;
  nodeTitle?: string;
  message: string;
}

/**
 * Checks an API-format graph before it is saved or sent: every node has a class_type and an inputs object, every
 * link points at an existing node and an output slot it can have, and at least one output node exists.
 */
export function validateGraph(value: unknown): WorkflowIssue[] {
  if (!isRecord(value)) return [{ message: "The workflow must be a JSON object mapping node ids to nodes." }];
  const ids = Object.keys(value);
  if (ids.length === 0) return [{ message: "The workflow has no nodes." }];
  const issues: WorkflowIssue[] = [];
  for (const id of ids) {
    const node = value[id];
    const at = (message: string): WorkflowIssue => {
      const title = isRecord(node) ? nodeTitle(node) : undefined;
      return { nodeId: id, ...(title ? { nodeTitle: title } : {}), message: `${describeNode(id, node)}: ${message}` };
    };
    if (!isRecord(node)) {
      issues.push(at("is not an object with “class_type” and “inputs”."));
      continue;
    }
    if (typeof node.class_type !== "string" || !node.class_type.trim()) issues.push(at("has no “class_type”."));
    if (!isRecord(node.inputs)) {
      issues.push(at("has no “inputs” object."));
      continue;
    }
    for (const [input, linked] of Object.entries(node.inputs)) {
      if (!isLink(linked)) continue;
      const [target, slot] = linked;
      const targetNode = value[target];
      if (!Object.hasOwn(value, target) || !isRecord(targetNode)) {
        issues.push(at(`input “${input}” links to node ${target}, which does not exist.`));
        continue;
      }
      const slots = typeof targetNode.class_type === "string" ? OUTPUT_SLOTS[targetNode.class_type] : undefined;
      const link = `input “${input}” links to output slot ${slot} of ${describeNode(target, targetNode)}`;
      if (!Number.isInteger(slot) || slot < 0) {
        issues.push(at(`${link}; a slot is a whole number from 0.`));
      } else if (slots !== undefined && slot >= slots) {
        const has =
          slots === 0 ? "has no outputs" : `has ${slots} output${slots === 1 ? "" : "s"} (slots 0–${slots - 1})`;
        issues.push(at(`${link}, which ${has}.`));
      } else if (slots === undefined && slot > MAX_UNKNOWN_SLOT) {
        issues.push(at(`${link}, which no node has.`));
      }
    }
  }
  const hasOutput = ids.some((id) => {
    const node = value[id];
    return isRecord(node) && typeof node.class_type === "string" && OUTPUT_CLASS_TYPES.includes(node.class_type);
  });
  if (!hasOutput) {
    const examples = OUTPUT_CLASS_TYPES.slice(0, 7).join(", ");
    issues.push({
      message:
        "The workflow has no output node, so a worker would return nothing. " +
        `Add one of ${examples} (usually SaveImage).`,
    });
  }
  return issues;
}

/** Ids of the graph's output nodes, in id order — the choices for `output_node_id`. */
export function outputNodeIds(graph: ApiGraph): string[] {
  return sortNodeIds(Object.keys(graph).filter((id) => isOutputNode(graph[id]!)));
}

/** Node ids in ComfyUI's order: numeric ids numerically, then the rest by name. */
export function sortNodeIds(ids: string[]): string[] {
  return [...ids].sort((a, b) => {
    const na = Number(a);
    const nb = Number(b);
    if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
    if (Number.isFinite(na)) return -1;
    if (Number.isFinite(nb)) return 1;
    return a.localeCompare(b);
  });
}

export type ParsedWorkflow =
  | { kind: "api"; graph: ApiGraph; outputNodeId?: string; issues: WorkflowIssue[] }
  | { kind: "ui" }
  | { kind: "invalid"; message: string };

/**
 * Reads what a person pastes or drops: an API-format graph, or a job body that carries one (`{"workflow": …}` or
 * the guide's `{"input": {"workflow": …, "output_node_id": "9"}}`), whose `output_node_id` is kept.
 */
export function parseWorkflowText(text: string): ParsedWorkflow {
  const trimmed = text.trim();
  if (!trimmed) return { kind: "invalid", message: "Paste a workflow, or choose or drop a .json file." };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: "invalid", message: `This is not valid JSON (${detail}).` };
  }
  return parseWorkflowValue(value);
}

/** Like `parseWorkflowText` for a value already parsed (a graph, or a job body with `workflow` in it). */
export function parseWorkflowValue(value: unknown): ParsedWorkflow {
  let outputNodeId: string | undefined;
  let candidate = value;
  for (let depth = 0; depth < 2 && isRecord(candidate) && detectWorkflowFormat(candidate) === "unknown"; depth += 1) {
    const wrapped = isRecord(candidate.input) ? candidate.input : candidate;
    if (!isRecord(wrapped) || wrapped.workflow === undefined) break;
    if (typeof wrapped.output_node_id === "string" || typeof wrapped.output_node_id === "number")
      outputNodeId = String(wrapped.output_node_id);
    candidate = typeof wrapped.workflow === "string" ? safeParse(wrapped.workflow) : wrapped.workflow;
  }
  const format = detectWorkflowFormat(candidate);
  if (format === "ui") return { kind: "ui" };
  if (format === "unknown") {
    return {
      kind: "invalid",
      message:
        "This JSON is not a ComfyUI workflow: the API format maps node ids to objects with “class_type” and " +
        '“inputs”, e.g. {"3": {"class_type": "KSampler", "inputs": {…}}}.',
    };
  }
  const graph = candidate as ApiGraph;
  const issues = validateGraph(graph);
  if (outputNodeId !== undefined && !Object.hasOwn(graph, outputNodeId)) {
    issues.push({ message: `output_node_id “${outputNodeId}” is not a node of this workflow.` });
  }
  return { kind: "api", graph, ...(outputNodeId !== undefined ? { outputNodeId } : {}), issues };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
