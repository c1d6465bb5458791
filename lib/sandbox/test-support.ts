/**
 * For tests: an in-process sandbox (for a test file, or with raw calls and short timings for the sandbox's own HTTP
 * tests), a valid create body, and an endpoint's configuration as the engine keeps it.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { EndpointConfig } from "./endpoint-config";
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

/** A create body the sandbox accepts, named at random, with `overrides` over its endpoint. */
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

/** What the engine's createEndpoint takes: a checked create body, here with `overrides` laid over defaults. */
export type StoredEndpointConfig = Omit<EndpointConfig, "appName"> & { appName: string | undefined };

/** An endpoint's configuration as the engine keeps it; `workerConfig` overrides are merged field by field. */
export function storedEndpointConfig(
  overrides: Partial<Omit<StoredEndpointConfig, "workerConfig">> & {
    workerConfig?: Partial<EndpointConfig["workerConfig"]>;
  } = {},
): StoredEndpointConfig {
  const { workerConfig, ...rest } = overrides;
  return {
    name: "test endpoint",
    appName: undefined,
    workerConfig: {
      minNum: 0,
      maxNum: 1,
      freeTimeout: 60,
      maxConcurrent: 1,
      gpuNum: 1,
      requestTimeout: 600,
      cudaVersion: "12.4",
      ...workerConfig,
    },
    ports: [{ port: 8080 }],
    policy: { type: "queue", value: 1 },
    image: { image: "example/echo:1", authId: "", command: "" },
    products: [{ id: "SL-serverless-1" }],
    rootfsSize: 100,
    volumeMounts: [],
    clusterID: "",
    envs: [],
    healthy: { path: "" },
    ...rest,
  };
}

/** An object that forwards every property to `current()`: for what a `beforeAll` makes and the tests then read. */
function forwardingTo<T extends object>(current: () => T | undefined): T {
  return new Proxy({} as T, { get: (_target, key) => current()![key as keyof T] });
}

/**
 * A sandbox for one test file (in memory, on a free port, with these options), started before its tests and closed
 * after them; the returned object forwards to it once `beforeAll` has started it.
 */
export function sandboxForTestFile(options: Omit<SandboxOptions, "port" | "dataDir">): RunningSandbox {
  let current: RunningSandbox | undefined;
  beforeAll(async () => {
    current = await startSandbox({ port: 0, dataDir: undefined, ...options });
  });
  afterAll(() => current?.close());
  return forwardingTo(() => current);
}

/** A sandbox on a free port, in memory, with short timings; `call` and `api` send raw requests with the test key. */
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

/** Probes every `intervalMs` until `done` says yes; fails with the last value after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 5000,
  intervalMs = 15,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
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
  return forwardingTo(() => current);
}
