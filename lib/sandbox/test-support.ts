/** For the sandbox's own HTTP tests: an in-process sandbox with short timings, raw calls, a valid create body. */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startSandbox, type RunningSandbox, type SandboxOptions } from "./server";

export const TEST_KEY = "sk_sandbox_http_test_key_0000";

export interface Answer {
  status: number;
  // Tests read whatever shape they expect.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
  headers: Headers;
}

export interface TestSandbox {
  sandbox: RunningSandbox;
  /** A call relative to the origin, with the key (unless `key` is given). */
  call(method: string, path: string, body?: unknown, key?: string): Promise<Answer>;
  /** A call relative to the management API (v1). */
  api(method: string, path: string, body?: unknown): Promise<Answer>;
  /** Creates an endpoint; fails the test unless it is accepted. */
  create(overrides?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export function createBody(overrides: Record<string, unknown> = {}) {
  return {
    endpoint: {
      name: `t-${Math.random().toString(36).slice(2, 8)}`,
      workerConfig: { minNum: 0, maxNum: 2, freeTimeout: 60, maxConcurrent: 1, gpuNum: 1, requestTimeout: 600 },
      ports: [{ port: "8080" }],
      policy: { type: "queue", value: 1 },
      image: { image: "example/echo:1" },
      products: [{ id: "SL-serverless-1" }],
      rootfsSize: 100,
      ...overrides,
    },
  };
}

export async function openTestSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({
    port: 0,
    apiKey: TEST_KEY,
    dataDir: undefined,
    coldStartMs: 30,
    endpointStartupMs: 60,
    tickMs: 10,
    ...options,
  });
  const call = async (method: string, path: string, body?: unknown, key = TEST_KEY): Promise<Answer> => {
    const response = await fetch(`${sandbox.origin}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
  const api = (method: string, path: string, body?: unknown) => call(method, `/gpu-instance/openapi/v1${path}`, body);
  return {
    sandbox,
    call,
    api,
    async create(overrides = {}) {
      const answer = await api("POST", "/endpoint/create", createBody(overrides));
      if (answer.status !== 200) throw new Error(`create refused: ${answer.status} ${JSON.stringify(answer.json)}`);
      return answer.json.id as string;
    },
    close: () => sandbox.close(),
  };
}

export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/**
 * One sandbox for a test file, reset before each test: the returned object forwards to it once `beforeAll` has
 * started it.
 */
export function sandboxForEachTest(): TestSandbox {
  let current: TestSandbox | undefined;
  beforeAll(async () => {
    current = await openTestSandbox();
  });
  afterAll(() => current?.close());
  beforeEach(async () => {
    await current!.call("POST", "/_sandbox/reset");
  });
  return new Proxy({} as TestSandbox, { get: (_target, key) => current![key as keyof TestSandbox] });
}
