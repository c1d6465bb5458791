/**
 * What a simulated worker does depends on its endpoint's image, as on Novita where the image *is* the worker:
 * an image named like `comfyui` runs ComfyUI workflows, `sleep` sleeps, anything else echoes its input.
 */
import { renderWorkflow, validateApiWorkflow } from "./comfyui";
import { runOnComfyUI } from "./comfyui-remote";
import type { WorkerResult, WorkerRunner } from "./engine";

export type WorkerKind = "comfyui" | "sleep" | "echo";

export function workerKindOf(image: string): WorkerKind {
  const name = image.toLowerCase();
  if (name.includes("comfyui")) return "comfyui";
  if (name.includes("sleep")) return "sleep";
  return "echo";
}

export interface WorkerOptions {
  /** Simulated time per sampler step of a ComfyUI job. */
  comfyStepMs: number;
  /** A real ComfyUI server to forward workflows to, instead of the built-in renderer. */
  comfyuiUrl: string | undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The worker SDK's rule: a returned object holding `error` fails the job; the rest stays as output. */
function fromHandlerResult(result: unknown): WorkerResult {
  if (isRecord(result) && "error" in result && result.error !== undefined && result.error !== null) {
    const { error, ...rest } = result;
    return {
      error: typeof error === "string" ? error : JSON.stringify(error),
      output: Object.keys(rest).length ? rest : undefined,
    };
  }
  return { output: result };
}

async function runEcho(input: unknown): Promise<WorkerResult> {
  return fromHandlerResult(input);
}

async function runSleep(input: unknown, signal: AbortSignal): Promise<WorkerResult> {
  const seconds = isRecord(input) ? input.seconds : undefined;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0 || seconds > 3600) {
    return { error: 'sleep worker: input.seconds must be a number of seconds from 0 to 3600, e.g. {"seconds": 5}' };
  }
  const started = Date.now();
  await sleep(seconds * 1000, signal);
  return { output: { slept: seconds, sleptMs: Date.now() - started } };
}

async function runComfyUI(
  jobId: string,
  input: unknown,
  signal: AbortSignal,
  options: WorkerOptions,
): Promise<WorkerResult> {
  if (!isRecord(input) || input.workflow === undefined) {
    return { error: 'Missing "workflow" in input: send {"input": {"workflow": {<ComfyUI API-format JSON>}}}' };
  }
  const workflow = typeof input.workflow === "string" ? safeJsonParse(input.workflow) : input.workflow;
  const validation = validateApiWorkflow(workflow);
  if (!validation.ok) return { error: `Invalid workflow: ${validation.errors.join("; ")}` };
  const outputNodeId =
    typeof input.output_node_id === "string" || typeof input.output_node_id === "number"
      ? String(input.output_node_id)
      : undefined;

  if (options.comfyuiUrl) {
    const images = await runOnComfyUI(options.comfyuiUrl, validation.workflow, { outputNodeId, signal });
    return {
      output: {
        images: images.map((image) => ({
          filename: image.filename,
          type: "base64",
          data: image.data.toString("base64"),
        })),
      },
    };
  }

  const rendered = renderWorkflow(validation.workflow, { outputNodeId, jobId });
  // A GPU needs time per step; so does the simulation, so queues and scaling behave like the real thing.
  await sleep(rendered.steps * options.comfyStepMs, signal);
  return {
    output: {
      images: rendered.images.map((image) => ({
        filename: image.filename,
        type: "base64",
        data: image.png.toString("base64"),
      })),
    },
  };
}

function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createWorkerRunner(options: WorkerOptions): WorkerRunner {
  return async ({ id, input, endpoint, signal }) => {
    try {
      switch (workerKindOf(endpoint.config.image.image)) {
        case "comfyui":
          return await runComfyUI(id, input, signal, options);
        case "sleep":
          return await runSleep(input, signal);
        default:
          return await runEcho(input);
      }
    } catch (error) {
      if (signal.aborted) return { error: "cancelled" };
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };
}
