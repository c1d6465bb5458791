/**
 * Forwards a workflow to a real ComfyUI server (COMFYUI_URL) through its HTTP API — POST /prompt, poll
 * /history/{id}, fetch each output with /view — so the sandbox can run true generations where a GPU exists.
 */
export interface ComfyOutputFile {
  filename: string;
  data: Buffer;
}

const POLL_MS = 500;

async function comfyFetch(base: string, path: string, init: RequestInit & { signal: AbortSignal }): Promise<Response> {
  const response = await fetch(new URL(path, base.endsWith("/") ? base : `${base}/`), init);
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    throw new Error(`ComfyUI at ${base} answered ${path} with ${response.status}: ${text.slice(0, 500)}`);
  }
  return response;
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Stops this prompt only: other jobs may share the ComfyUI server. A running prompt is interrupted by id, a
 * queued one is deleted from ComfyUI's queue.
 */
async function abandonPrompt(base: string, promptId: string): Promise<void> {
  const post = (path: string, body: unknown) =>
    fetch(new URL(path, base.endsWith("/") ? base : `${base}/`), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    }).catch(() => undefined);
  await post("interrupt", { prompt_id: promptId });
  await post("queue", { delete: [promptId] });
}

interface HistoryEntry {
  status?: { status_str?: string; completed?: boolean; messages?: unknown[] };
  outputs?: Record<string, Record<string, { filename: string; subfolder?: string; type?: string }[] | unknown>>;
}

export async function runOnComfyUI(
  base: string,
  workflow: Record<string, unknown>,
  options: { outputNodeId: string | undefined; signal: AbortSignal },
): Promise<ComfyOutputFile[]> {
  const { signal } = options;
  const queued = await comfyFetch(base, "prompt", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt: workflow, client_id: "novita-console-sandbox" }),
    signal,
  });
  const { prompt_id: promptId } = (await queued.json()) as { prompt_id: string };

  let entry: HistoryEntry | undefined;
  try {
    for (;;) {
      const history = (await (
        await comfyFetch(base, `history/${encodeURIComponent(promptId)}`, { signal })
      ).json()) as Record<string, HistoryEntry>;
      entry = history[promptId];
      if (entry?.status?.status_str === "error")
        throw new Error(`ComfyUI failed the workflow: ${JSON.stringify(entry.status.messages ?? []).slice(0, 1000)}`);
      if (entry?.outputs && (entry.status?.completed ?? true)) break;
      await delay(POLL_MS, signal);
    }
  } catch (error) {
    if (signal.aborted) await abandonPrompt(base, promptId);
    throw error;
  }

  const files: ComfyOutputFile[] = [];
  for (const [nodeId, outputs] of Object.entries(entry.outputs ?? {})) {
    if (options.outputNodeId && nodeId !== options.outputNodeId) continue;
    for (const key of ["images", "gifs", "videos"]) {
      const list = outputs[key];
      if (!Array.isArray(list)) continue;
      for (const item of list as { filename: string; subfolder?: string; type?: string }[]) {
        if (item.type === "temp") continue;
        const query = new URLSearchParams({
          filename: item.filename,
          subfolder: item.subfolder ?? "",
          type: item.type ?? "output",
        });
        const response = await comfyFetch(base, `view?${query}`, { signal });
        files.push({ filename: item.filename, data: Buffer.from(await response.arrayBuffer()) });
      }
    }
  }
  return files;
}
