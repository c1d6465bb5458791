/**
 * The prompt and seed behind an output, read from a job's input: a ComfyUI API graph (`{workflow: {…}}`, `{prompt:
 * {…}}` or the graph itself) is followed from its sampler to the text encoders; otherwise plain `prompt` / `seed`
 * fields, or node-path keys like `6.inputs.text` (a workflow run's resolved inputs). Browser-safe.
 */
type Node = { class_type?: unknown; inputs?: Record<string, unknown> };

export interface PromptAndSeed {
  prompt: string | null;
  negativePrompt: string | null;
  seed: string | null;
}

const SAMPLER_SEED_KEYS = ["seed", "noise_seed"];
const TEXT_KEYS = ["text", "t5xxl", "clip_l", "prompt"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isGraph(value: unknown): value is Record<string, Node> {
  if (!isRecord(value)) return false;
  const nodes = Object.values(value);
  return nodes.length > 0 && nodes.every((node) => isRecord(node) && typeof node.class_type === "string");
}

function graphOf(input: unknown): Record<string, Node> | undefined {
  if (isGraph(input)) return input;
  if (!isRecord(input)) return undefined;
  for (const key of ["workflow", "prompt", "graph"]) if (isGraph(input[key])) return input[key];
  return undefined;
}

function scalar(value: unknown): string | null {
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "string" && value.trim()) return value;
  return null;
}

/** The text of the encoder a sampler's `positive`/`negative` link points at (one hop through conditioning nodes). */
function textThrough(graph: Record<string, Node>, link: unknown, depth = 0): string | null {
  if (!Array.isArray(link) || depth > 4) return null;
  const node = graph[String(link[0])];
  if (!node?.inputs) return null;
  for (const key of TEXT_KEYS) if (typeof node.inputs[key] === "string") return node.inputs[key] as string;
  for (const value of Object.values(node.inputs)) {
    const text = textThrough(graph, value, depth + 1);
    if (text) return text;
  }
  return null;
}

function fromGraph(graph: Record<string, Node>): PromptAndSeed {
  const result: PromptAndSeed = { prompt: null, negativePrompt: null, seed: null };
  for (const node of Object.values(graph)) {
    const inputs = node.inputs ?? {};
    const seedKey = SAMPLER_SEED_KEYS.find((key) => key in inputs && scalar(inputs[key]) !== null);
    if (seedKey && result.seed === null) result.seed = scalar(inputs[seedKey]);
    if ("positive" in inputs && result.prompt === null) result.prompt = textThrough(graph, inputs.positive);
    if ("negative" in inputs && result.negativePrompt === null)
      result.negativePrompt = textThrough(graph, inputs.negative);
  }
  if (result.prompt === null) {
    const encoder = Object.values(graph).find(
      (node) => typeof node.class_type === "string" && node.class_type.startsWith("CLIPTextEncode"),
    );
    const text =
      encoder?.inputs && TEXT_KEYS.map((key) => encoder.inputs![key]).find((value) => typeof value === "string");
    result.prompt = typeof text === "string" ? text : null;
  }
  return result;
}

export function promptAndSeed(input: unknown): PromptAndSeed {
  const graph = graphOf(input);
  if (graph) return fromGraph(graph);
  const result: PromptAndSeed = { prompt: null, negativePrompt: null, seed: null };
  if (!isRecord(input)) return result;
  for (const [key, value] of Object.entries(input)) {
    const last = key.split(".").pop()!.toLowerCase();
    if (result.prompt === null && (last === "prompt" || last === "text" || last === "positive"))
      result.prompt = typeof value === "string" ? value : null;
    else if (result.negativePrompt === null && (last === "negative_prompt" || last === "negative"))
      result.negativePrompt = typeof value === "string" ? value : null;
    else if (result.seed === null && (last === "seed" || last === "noise_seed")) result.seed = scalar(value);
  }
  return result;
}
