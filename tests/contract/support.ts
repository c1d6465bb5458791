/**
 * The contract suite's target: the sandbox over real HTTP (default), or real Novita when NOVITA_CONTRACT_KEY is
 * set — so the day someone has a key, the sandbox's fidelity is checked with the same tests.
 */
import { afterAll, beforeAll } from "vitest";
import { startSandbox, type RunningSandbox } from "@/lib/sandbox";
import { eventually } from "@/lib/sandbox/test-support";
import { createNovitaClient, type NovitaClient, type NovitaClientOptions } from "@/lib/novita/client";
import type { EndpointSpec } from "@/lib/novita/types";
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";

export const REAL_NOVITA = Boolean(process.env.NOVITA_CONTRACT_KEY);
export const SANDBOX_KEY = "sk_contract_sandbox_key_0123456789";

export interface ContractTarget {
  client: NovitaClient;
  /** Makes another client, e.g. with a wrong key or other timeouts. */
  makeClient(overrides?: Partial<NovitaClientOptions>): NovitaClient;
  sandbox: RunningSandbox | undefined;
  close(): Promise<void>;
}

/** Opens the target: a sandbox of this process with short timings, or real Novita (NOVITA_CONTRACT_KEY). */
export async function openContractTarget(sandboxOptions: { retentionMs?: number } = {}): Promise<ContractTarget> {
  if (REAL_NOVITA) {
    const base: NovitaClientOptions = {
      apiKey: process.env.NOVITA_CONTRACT_KEY!,
      apiBaseUrl: process.env.NOVITA_CONTRACT_API_BASE_URL ?? "https://api.novita.ai/gpu-instance/openapi/v1",
      jobsBaseUrl: process.env.NOVITA_CONTRACT_JOBS_BASE_URL ?? "https://async-public.serverless.novita.ai/v1",
      gpusBaseUrl: process.env.NOVITA_CONTRACT_GPUS_BASE_URL || undefined,
      timeoutMs: 30_000,
    };
    const makeClient = (overrides: Partial<NovitaClientOptions> = {}) => createNovitaClient({ ...base, ...overrides });
    return { client: makeClient(), makeClient, sandbox: undefined, close: async () => {} };
  }
  const sandbox = await startSandbox({
    port: 0,
    apiKey: SANDBOX_KEY,
    dataDir: undefined,
    coldStartMs: 150,
    endpointStartupMs: 100,
    comfyStepMs: 10,
    tickMs: 20,
    retentionMs: sandboxOptions.retentionMs,
  });
  const base: NovitaClientOptions = {
    apiKey: SANDBOX_KEY,
    apiBaseUrl: sandbox.managementBaseUrl,
    jobsBaseUrl: sandbox.jobsBaseUrl,
    timeoutMs: 5_000,
    retry: { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 50 },
  };
  const makeClient = (overrides: Partial<NovitaClientOptions> = {}) => createNovitaClient({ ...base, ...overrides });
  return { client: makeClient(), makeClient, sandbox, close: () => sandbox.close() };
}

/**
 * The target for one test file, opened before its tests and closed after them (a file's own `afterAll` runs first,
 * while it is open), with `productId`: the serverless product endpoints are made on (a 4090, else the first).
 */
export function contractTargetForTestFile(
  sandboxOptions: { retentionMs?: number } = {},
): ContractTarget & { readonly productId: string } {
  let current: (ContractTarget & { productId: string }) | undefined;
  beforeAll(async () => {
    const target = await openContractTarget(sandboxOptions);
    const products = await target.client.catalog.listServerlessProducts();
    const productId = (products.find((product) => product.name.includes("4090")) ?? products[0])!.id;
    current = { ...target, productId };
  });
  afterAll(() => current?.close());
  return new Proxy({} as ContractTarget & { productId: string }, { get: (_target, key) => current![key as "client"] });
}

/** Talks to the sandbox's test controls (faults, pause, state). */
export async function sandboxControl(sandbox: RunningSandbox, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${SANDBOX_KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}

/** Contract endpoints are named `contract-…` so a run against real Novita can clean up after itself. */
export function endpointSpec(overrides: Parameters<typeof makeEndpointSpec>[0] = {}): EndpointSpec {
  return makeEndpointSpec({ name: `contract-${Math.random().toString(36).slice(2, 8)}`, ...overrides });
}

/** `eventually` with the contract suite's timings: up to 15 s, probing every 50 ms. */
export function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
  intervalMs = 50,
): Promise<T> {
  return eventually(probe, done, timeoutMs, intervalMs);
}
