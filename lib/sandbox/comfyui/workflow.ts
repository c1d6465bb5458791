/**
 * ComfyUI "API format" workflows: recognising them, and checking them the way
 * ComfyUI's /prompt endpoint would before queueing, so the sandbox refuses the
 * same mistakes a real worker refuses — with messages that name the node.
 */

export type ApiWorkflowNode = {
  class_type: string;
  inputs: Record<string, unknown>;
  _meta?: { title?: string };
};

export type ApiWorkflow = Record<string, ApiWorkflowNode>;

/** A link from an input to output slot `slot` of node `nodeId`. */
export type WorkflowLink = [nodeId: string, slot: number];

export type WorkflowValidation = { ok: true; workflow: ApiWorkflow } | { ok: false; errors: string[] };

/** Node classes whose results ComfyUI reports as job outputs. */
export const OUTPUT_CLASS_TYPES: readonly string[] = [
  "SaveImage",
  "PreviewImage",
  "SaveAnimatedWEBP",
  "SaveAnimatedPNG",
  "VHS_VideoCombine",
  "SaveVideo",
  "SaveWEBM",
];

export const UI_FORMAT_ERROR =
  'This is ComfyUI\'s UI format (the file the normal "Save" produces, with top-level "nodes" and "links"), ' +
  "but the worker needs the API format. In ComfyUI, use Workflow → Export (API); in older versions, " +
  'enable dev mode in the settings and use "Save (API Format)".';

export function isOutputClassType(classType: string): boolean {
  return OUTPUT_CLASS_TYPES.includes(classType);
}

/**
 * Same rule as ComfyUI's `is_link`: a two-element array of a node id string
 * and a number. Any other array is an ordinary input value.
 */
export function isLink(value: unknown): value is WorkflowLink {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "number";
}

export function detectWorkflowFormat(value: unknown): "api" | "ui" | "unknown" {
  if (!isPlainObject(value)) return "unknown";
  if (Array.isArray(value.nodes) && Array.isArray(value.links)) return "ui";
  const nodes = Object.values(value);
  if (nodes.length === 0) return "unknown";
  // Every entry must look like a node; one recognisable class_type is enough
  // to call it API format, so validation can then point at the broken nodes.
  const allObjects = nodes.every(isPlainObject);
  const someClassType = nodes.some((node) => isPlainObject(node) && typeof node.class_type === "string");
  return allObjects && someClassType ? "api" : "unknown";
}

export function validateApiWorkflow(workflow: unknown): WorkflowValidation {
  if (detectWorkflowFormat(workflow) === "ui") return { ok: false, errors: [UI_FORMAT_ERROR] };
  if (!isPlainObject(workflow)) {
    const error = "The workflow must be a JSON object mapping node ids to nodes (ComfyUI API format).";
    return { ok: false, errors: [error] };
  }
  const ids = Object.keys(workflow);
  if (ids.length === 0) return { ok: false, errors: ["The workflow has no nodes."] };

  const errors = ids.flatMap((id) => nodeErrors(workflow, id));
  if (!ids.some((id) => hasOutputClass(workflow[id]))) errors.push(noOutputNodeError());
  return errors.length === 0 ? { ok: true, workflow: workflow as ApiWorkflow } : { ok: false, errors };
}

/** "Node 8 (VAE Decode)": the title the user sees in ComfyUI, else the class. */
export function describeNode(id: string, node: unknown): string {
  const label = isPlainObject(node) ? nodeLabel(node) : undefined;
  return label ? `Node ${id} (${label})` : `Node ${id}`;
}

function nodeLabel(node: Record<string, unknown>): string | undefined {
  const meta = node._meta;
  if (isPlainObject(meta) && typeof meta.title === "string" && meta.title.trim() !== "") return meta.title;
  if (typeof node.class_type === "string" && node.class_type.trim() !== "") return node.class_type;
  return undefined;
}

function nodeErrors(workflow: Record<string, unknown>, id: string): string[] {
  const node = workflow[id];
  const name = describeNode(id, node);
  if (!isPlainObject(node)) return [`${name}: must be an object with "class_type" and "inputs"`];

  const errors: string[] = [];
  if (typeof node.class_type !== "string" || node.class_type.trim() === "") {
    errors.push(`${name}: "class_type" is missing or empty`);
  }
  if (!isPlainObject(node.inputs)) {
    errors.push(`${name}: "inputs" must be an object`);
    return errors;
  }
  for (const [input, value] of Object.entries(node.inputs)) {
    if (!isLink(value)) continue;
    const linkError = linkProblem(workflow, value);
    if (linkError) errors.push(`${name}: input "${input}" ${linkError}`);
  }
  return errors;
}

function linkProblem(workflow: Record<string, unknown>, [target, slot]: WorkflowLink): string | undefined {
  if (!Object.hasOwn(workflow, target)) return `links to node ${target}, which does not exist`;
  if (!Number.isInteger(slot) || slot < 0) {
    return `links to output slot ${slot} of node ${target}; a slot must be a non-negative integer`;
  }
  return undefined;
}

function hasOutputClass(node: unknown): boolean {
  return isPlainObject(node) && typeof node.class_type === "string" && isOutputClassType(node.class_type);
}

function noOutputNodeError(): string {
  return (
    "The workflow has no output node, so it would produce nothing: add one of " +
    `${OUTPUT_CLASS_TYPES.join(", ")} (usually SaveImage).`
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
