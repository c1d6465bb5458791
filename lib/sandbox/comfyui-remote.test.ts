/**
 * runOnComfyUI against a tiny fake ComfyUI (node:http on port 0), then the whole path: the sandbox's job gateway →
 * a `comfyui` worker → COMFYUI_URL → output images as base64 in the job's status.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "@/lib/sandbox";
import { seedWorkflow } from "@/lib/sandbox/comfyui/test-workflows";
import { runOnComfyUI } from "./comfyui-remote";

/** What /view answers per file name: binary on purpose (a NUL, 0xff…), so base64 round trips are really checked. */
const FILES: Record<string, Buffer> = {
  "a.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x01, 0x7f, 0x80]),
  "b.png": Buffer.from("temp preview, never fetched"),
  "c.png": Buffer.from([0xfe, 0xed, 0xfa, 0xce, 0x00, 0x00]),
};

interface FakeBehaviour {
  /** How many /history calls per prompt answer `{}` before the entry appears. */
  pendingPolls: number;
  /** The final history status. */
  status: "success" | "error";
  /** When set, POST /prompt answers this. */
  promptError: { status: number; body: string } | undefined;
  /** Output nodes added to the brief's two (9: a.png output, 10: b.png temp). */
  extraOutputs: Record<string, unknown>;
}

interface FakeComfyUI {
  url: string;
  behaviour: FakeBehaviour;
  prompts: { prompt: unknown; client_id: unknown }[];
  promptIds: string[];
  historyCalls: string[];
  views: Record<string, string>[];
  /** Raw bodies of POST /interrupt. */
  interrupts: string[];
  /** Called when a /history request arrives. */
  onHistory: ((promptId: string) => void) | undefined;
  reset(): void;
  close(): Promise<void>;
}

function defaultBehaviour(): FakeBehaviour {
  return { pendingPolls: 1, status: "success", promptError: undefined, extraOutputs: {} };
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function json(response: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

async function startFakeComfyUI(): Promise<FakeComfyUI> {
  const historyCount = new Map<string, number>();
  let next = 0;
  const fake: FakeComfyUI = {
    url: "",
    behaviour: defaultBehaviour(),
    prompts: [],
    promptIds: [],
    historyCalls: [],
    views: [],
    interrupts: [],
    onHistory: undefined,
    reset() {
      fake.behaviour = defaultBehaviour();
      fake.prompts = [];
      fake.promptIds = [];
      fake.historyCalls = [];
      fake.views = [];
      fake.interrupts = [];
      fake.onHistory = undefined;
      historyCount.clear();
    },
    close: async () => {},
  };

  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", "http://fake");
      const body = await readText(request);
      if (request.method === "POST" && url.pathname === "/prompt") {
        if (fake.behaviour.promptError) {
          response.writeHead(fake.behaviour.promptError.status, { "content-type": "application/json" });
          response.end(fake.behaviour.promptError.body);
          return;
        }
        fake.prompts.push(JSON.parse(body) as { prompt: unknown; client_id: unknown });
        next += 1;
        const promptId = `prompt-${next}`;
        fake.promptIds.push(promptId);
        return json(response, 200, { prompt_id: promptId, number: next, node_errors: {} });
      }
      const history = /^\/history\/([^/]+)$/.exec(url.pathname);
      if (request.method === "GET" && history) {
        const promptId = decodeURIComponent(history[1]!);
        fake.historyCalls.push(promptId);
        fake.onHistory?.(promptId);
        const count = (historyCount.get(promptId) ?? 0) + 1;
        historyCount.set(promptId, count);
        if (count <= fake.behaviour.pendingPolls) return json(response, 200, {});
        if (fake.behaviour.status === "error") {
          return json(response, 200, {
            [promptId]: {
              status: {
                status_str: "error",
                completed: false,
                messages: [["execution_error", { node_id: "3", exception_message: "CUDA out of memory" }]],
              },
              outputs: {},
            },
          });
        }
        return json(response, 200, {
          [promptId]: {
            status: { status_str: "success", completed: true },
            outputs: {
              "9": { images: [{ filename: "a.png", subfolder: "", type: "output" }] },
              "10": { images: [{ filename: "b.png", subfolder: "", type: "temp" }] },
              ...fake.behaviour.extraOutputs,
            },
          },
        });
      }
      if (request.method === "GET" && url.pathname === "/view") {
        const query = Object.fromEntries(url.searchParams);
        fake.views.push(query);
        const file = FILES[query.filename ?? ""];
        if (!file) return json(response, 404, { error: "not found" });
        response.writeHead(200, { "content-type": "image/png", "content-length": file.length });
        response.end(file);
        return;
      }
      if (request.method === "POST" && url.pathname === "/interrupt") {
        fake.interrupts.push(body);
        response.writeHead(200);
        response.end();
        return;
      }
      json(response, 404, { error: `no route ${request.method} ${url.pathname}` });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return fake;
}

let fake: FakeComfyUI;

beforeAll(async () => {
  fake = await startFakeComfyUI();
});

afterAll(async () => {
  await fake?.close();
});

beforeEach(() => {
  fake.reset();
});

function noSignal(): AbortSignal {
  return new AbortController().signal;
}

describe("runOnComfyUI", () => {
  it("queues the workflow, polls history until done, and returns the output files (temp ones skipped) with their bytes", async () => {
    const workflow = seedWorkflow();
    const files = await runOnComfyUI(fake.url, workflow, { outputNodeId: undefined, signal: noSignal() });

    expect(files).toEqual([{ filename: "a.png", data: FILES["a.png"] }]);
    expect(fake.prompts).toEqual([{ prompt: workflow, client_id: "novita-console-sandbox" }]);
    // First poll answered {}, the second had the entry.
    expect(fake.historyCalls).toEqual([fake.promptIds[0], fake.promptIds[0]]);
    expect(fake.views).toEqual([{ filename: "a.png", subfolder: "", type: "output" }]);
    expect(fake.interrupts).toEqual([]);
  });

  it("accepts a base URL with a trailing slash", async () => {
    fake.behaviour.pendingPolls = 0;
    const files = await runOnComfyUI(`${fake.url}/`, seedWorkflow(), { outputNodeId: undefined, signal: noSignal() });
    expect(files.map((file) => file.filename)).toEqual(["a.png"]);
  });

  it("outputNodeId keeps only that node's files", async () => {
    fake.behaviour.extraOutputs = { "11": { images: [{ filename: "c.png", subfolder: "sub", type: "output" }] } };
    const run = (outputNodeId: string | undefined) =>
      runOnComfyUI(fake.url, seedWorkflow(), { outputNodeId, signal: noSignal() });
    const [all, only11, only9, only10] = await Promise.all([run(undefined), run("11"), run("9"), run("10")]);

    expect(all).toEqual([
      { filename: "a.png", data: FILES["a.png"] },
      { filename: "c.png", data: FILES["c.png"] },
    ]);
    expect(only11).toEqual([{ filename: "c.png", data: FILES["c.png"] }]);
    expect(only9).toEqual([{ filename: "a.png", data: FILES["a.png"] }]);
    // Node 10 has only a temp preview: nothing.
    expect(only10).toEqual([]);
    expect(fake.views).toContainEqual({ filename: "c.png", subfolder: "sub", type: "output" });
    expect(fake.views.some((view) => view.filename === "b.png")).toBe(false);
    // all: a + c, only11: c, only9: a.
    expect(fake.views).toHaveLength(4);
  });

  it("rejects with ComfyUI's messages when history says status_str: error", async () => {
    fake.behaviour.pendingPolls = 0;
    fake.behaviour.status = "error";
    await expect(
      runOnComfyUI(fake.url, seedWorkflow(), { outputNodeId: undefined, signal: noSignal() }),
    ).rejects.toThrow(/ComfyUI failed the workflow: .*CUDA out of memory/);
    expect(fake.views).toEqual([]);
    expect(fake.interrupts).toEqual([]);
  });

  it("rejects with the status and body text when /prompt answers 400", async () => {
    fake.behaviour.promptError = {
      status: 400,
      body: JSON.stringify({
        error: { type: "prompt_outputs_failed_validation", message: "Prompt outputs failed validation" },
        node_errors: {},
      }),
    };
    const run = runOnComfyUI(fake.url, seedWorkflow(), { outputNodeId: undefined, signal: noSignal() });
    await expect(run).rejects.toThrow(/answered prompt with 400: .*Prompt outputs failed validation/);
    expect(fake.historyCalls).toEqual([]);
  });

  it("rejects and calls /interrupt when the signal aborts mid-poll", async () => {
    fake.behaviour.pendingPolls = 1_000;
    const controller = new AbortController();
    const firstPoll = new Promise<void>((resolve) => (fake.onHistory = () => resolve()));
    const run = runOnComfyUI(fake.url, seedWorkflow(), { outputNodeId: undefined, signal: controller.signal });
    await firstPoll;
    // Let the {} answer arrive, so the abort lands in the 500 ms wait between polls.
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(new Error("job cancelled"));

    await expect(run).rejects.toThrow("job cancelled");
    expect(fake.interrupts).toHaveLength(1);
    expect(fake.historyCalls).toHaveLength(1);
    expect(fake.views).toEqual([]);
  });

  it("rejects and calls /interrupt when the signal aborts during a history request", async () => {
    fake.behaviour.pendingPolls = 1_000;
    const controller = new AbortController();
    fake.onHistory = () => controller.abort();
    const run = runOnComfyUI(fake.url, seedWorkflow(), { outputNodeId: undefined, signal: controller.signal });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(fake.interrupts).toHaveLength(1);
  });

  // Several sandbox workers may share one COMFYUI_URL: a cancel must stop only its own prompt.
  it("interrupts only its own prompt: /interrupt carries the prompt_id", async () => {
    fake.behaviour.pendingPolls = 1_000;
    const controller = new AbortController();
    fake.onHistory = () => controller.abort();
    await runOnComfyUI(fake.url, seedWorkflow(), { outputNodeId: undefined, signal: controller.signal }).catch(
      () => {},
    );
    expect(fake.interrupts).toHaveLength(1);
    expect(JSON.parse(fake.interrupts[0] || "null")).toEqual({ prompt_id: fake.promptIds[0] });
  });
});

describe("the sandbox with COMFYUI_URL set", () => {
  const API_KEY = "k";
  let sandbox: RunningSandbox;
  let endpointId: string;

  async function call(method: string, url: string, body?: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  }

  async function waitForStatus(jobId: string, done: (status: string) => boolean): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 4_000;
    for (;;) {
      const status = await call("GET", `${sandbox.jobsBaseUrl}/${endpointId}-comfy/status/${jobId}`);
      if (done(status.status as string)) return status;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${String(status.status)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeAll(async () => {
    sandbox = await startSandbox({
      port: 0,
      apiKey: API_KEY,
      dataDir: undefined,
      comfyuiUrl: fake.url,
      coldStartMs: 10,
      endpointStartupMs: 10,
      tickMs: 10,
    });
    const products = (await call("GET", `${sandbox.gpusV2BaseUrl}/products?type=gpu&category=serverless`)).data as {
      id: string;
      name: string;
    }[];
    const created = await call("POST", `${sandbox.managementBaseUrl}/endpoint/create`, {
      endpoint: {
        name: "comfyui-remote",
        appName: "comfy",
        workerConfig: { minNum: 0, maxNum: 1, freeTimeout: 60, maxConcurrent: 1, gpuNum: 1, requestTimeout: 600 },
        ports: [{ port: 8188 }],
        policy: { type: "queue", value: 1 },
        image: { image: "novitalabs/comfyui-worker:v0.0.1" },
        products: [{ id: products[0]!.id }],
      },
    });
    endpointId = created.id as string;
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  it("runs a job's workflow on the ComfyUI server and answers its images as base64", async () => {
    const workflow = seedWorkflow();
    const run = await call("POST", `${sandbox.jobsBaseUrl}/${endpointId}-comfy/run`, { input: { workflow } });
    expect(run.status).toBe("PENDING");

    const status = await waitForStatus(run.id as string, (value) => !["IN_QUEUE", "IN_PROGRESS"].includes(value));
    expect(status).toMatchObject({ id: run.id, status: "COMPLETED" });
    expect(typeof status.delayTime).toBe("number");
    expect(typeof status.executionTime).toBe("number");
    const images = (status.output as { images: { filename: string; type: string; data: string }[] }).images;
    expect(images.map(({ filename, type }) => ({ filename, type }))).toEqual([{ filename: "a.png", type: "base64" }]);
    expect(Buffer.from(images[0]!.data, "base64").equals(FILES["a.png"]!)).toBe(true);

    // ComfyUI got exactly the workflow the job carried.
    expect(fake.prompts).toEqual([{ prompt: workflow, client_id: "novita-console-sandbox" }]);
    expect(fake.views).toEqual([{ filename: "a.png", subfolder: "", type: "output" }]);
  });

  it("cancelling the job while ComfyUI works interrupts it", async () => {
    fake.behaviour.pendingPolls = 1_000;
    const polled = new Promise<void>((resolve) => (fake.onHistory = () => resolve()));
    const run = await call("POST", `${sandbox.jobsBaseUrl}/${endpointId}-comfy/run`, {
      input: { workflow: seedWorkflow() },
    });
    await polled;
    const cancelled = await call("POST", `${sandbox.jobsBaseUrl}/${endpointId}-comfy/cancel/${run.id as string}`);
    expect(cancelled).toEqual({ id: run.id, status: "CANCELLED" });

    const deadline = Date.now() + 2_000;
    while (fake.interrupts.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.interrupts).toHaveLength(1);
    const status = await call("GET", `${sandbox.jobsBaseUrl}/${endpointId}-comfy/status/${run.id as string}`);
    expect(status.status).toBe("CANCELLED");
  });

  afterEach(() => {
    fake.onHistory = undefined;
  });
});
