/**
 * The sandbox's HTTP face: Novita's management API under /gpu-instance/openapi/v1 and the job gateway under
 * /v1/{endpointName}, with Novita's auth and error shapes, plus test controls under /_sandbox.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { SANDBOX_CLUSTER_ID, SANDBOX_LIMITS, SANDBOX_NETWORK_STORAGES, SANDBOX_PRODUCTS } from "./catalog";
import {
  checkEndpointConfig,
  createEndpointBodySchema,
  InvalidEndpointConfig,
  normaliseConfig,
  updateEndpointBodySchema,
} from "./endpoint-config";
import { SandboxEngine, type SandboxEndpoint, type SandboxJob } from "./engine";
import { FaultInjector, faultSchema, type SandboxOperation } from "./faults";
import { createStateWriter, loadState, type RegistryCredentialRecord } from "./persistence";
import { createWorkerRunner } from "./workers";

export const MAX_JOB_BODY_BYTES = 4 * 1024 * 1024;
const MAX_MANAGEMENT_BODY_BYTES = 1024 * 1024;
const MANAGEMENT_PREFIX = "/gpu-instance/openapi/v1";

export interface SandboxOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  apiKey: string;
  /** Where state.json lives; undefined keeps everything in memory. */
  dataDir: string | undefined;
  coldStartMs?: number;
  endpointStartupMs?: number;
  retentionMs?: number;
  comfyStepMs?: number;
  tickMs?: number;
  comfyuiUrl?: string;
  /** false inside the console's server: the sandbox must not keep a process alive that is shutting down. */
  keepProcessAlive?: boolean;
}

export interface RunningSandbox {
  port: number;
  /** e.g. http://127.0.0.1:8790 */
  origin: string;
  managementBaseUrl: string;
  jobsBaseUrl: string;
  engine: SandboxEngine;
  faults: FaultInjector;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly metadata?: Record<string, string>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

type Handler = (context: { request: IncomingMessage; url: URL; params: string[]; body: () => Promise<unknown> }) => Promise<unknown> | unknown;

interface Route {
  method: string | string[];
  pattern: RegExp;
  operation: SandboxOperation | undefined;
  bodyLimit: number;
  handle: Handler;
}

function send(response: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) {
  if (response.headersSent || response.destroyed) return;
  const body = payload === undefined ? "" : JSON.stringify(payload);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  response.end(body);
}

function errorBody(status: number, reason: string, message: string, metadata?: Record<string, string>) {
  return { code: status, reason, message, ...(metadata ? { metadata } : {}) };
}

/** Reads the body up to `limit` bytes; past it, keeps draining (so the client can read our answer) and refuses. */
function readBody(request: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on("error", reject);
    request.on("end", () => {
      if (size > limit) {
        return reject(
          new HttpError(413, "REQUEST_TOO_LARGE", `request body is ${(size / 1024 / 1024).toFixed(2)} MiB, over the ${limit / 1024 / 1024} MiB limit`),
        );
      }
      if (size === 0) return resolve(undefined);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        reject(new HttpError(400, "INVALID_REQUEST_BODY", "request body is not valid JSON"));
      }
    });
  });
}

function parseBody<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join(".");
    throw new HttpError(400, "INVALID_REQUEST_BODY", `${field || "body"}: ${issue.message}`, field ? { field } : undefined);
  }
  return result.data;
}

function keyMatches(header: string | undefined, apiKey: string): boolean {
  const presented = header?.startsWith("Bearer ") ? header.slice(7).trim() : "";
  const a = Buffer.from(presented);
  const b = Buffer.from(apiKey);
  return a.length === b.length && timingSafeEqual(a, b);
}

// ——— wire shapes (as Novita's docs show them, quirks included) ———

function wireEndpoint(endpoint: SandboxEndpoint, engine: SandboxEngine, origin: string, portsAsString: boolean) {
  const { config } = endpoint;
  return {
    id: endpoint.id,
    name: config.name,
    appName: config.appName,
    state: endpoint.state,
    url: `${origin}/endpoints/${endpoint.id}`,
    // The docs' examples send these three as strings in responses (ints in requests): so does the sandbox.
    workerConfig: {
      minNum: config.workerConfig.minNum,
      maxNum: config.workerConfig.maxNum,
      freeTimeout: String(config.workerConfig.freeTimeout),
      maxConcurrent: String(config.workerConfig.maxConcurrent),
      gpuNum: config.workerConfig.gpuNum,
      requestTimeout: config.workerConfig.requestTimeout,
      cudaVersion: config.workerConfig.cudaVersion,
    },
    policy: { type: config.policy.type, value: String(config.policy.value) },
    image: config.image,
    rootfsSize: config.rootfsSize,
    volumeMounts: config.volumeMounts,
    envs: config.envs,
    ports: config.ports.map((entry) => ({ port: portsAsString ? String(entry.port) : entry.port })),
    workers: engine.workersOf(endpoint.id).map((worker) => ({
      id: worker.id,
      state: { state: worker.state, error: "", message: worker.state === "starting" ? "cold start" : "" },
      log: "",
      metrics: "",
      healthy: worker.state === "running",
    })),
    products: config.products,
    healthy: { path: config.healthy.path, initialDelay: 0, period: 10, timeout: 5, successThreshold: 1, failureThreshold: 3 },
    clusterID: config.clusterID,
    log: "",
  };
}

function wireJob(job: SandboxJob, now: number) {
  const body: Record<string, unknown> = { id: job.id, status: job.status };
  if (job.startedAt !== undefined) {
    body.delayTime = job.startedAt - job.submittedAt;
    body.executionTime = (job.finishedAt ?? now) - job.startedAt;
  }
  if (job.output !== undefined) body.output = job.output;
  if (job.error !== undefined) body.error = job.error;
  return body;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const credentials: RegistryCredentialRecord[] = [];
  let writer: ReturnType<typeof createStateWriter> | undefined;

  const engine = new SandboxEngine(
    {
      coldStartMs: options.coldStartMs ?? 2000,
      endpointStartupMs: options.endpointStartupMs ?? 1500,
      retentionMs: options.retentionMs ?? 6 * 60 * 60 * 1000,
    },
    createWorkerRunner({ comfyStepMs: options.comfyStepMs ?? 100, comfyuiUrl: options.comfyuiUrl }),
    Date.now,
    () => writer?.schedule(),
  );
  if (options.dataDir) {
    const saved = loadState(options.dataDir);
    if (saved) {
      engine.restore(saved);
      credentials.push(...saved.credentials);
    }
    writer = createStateWriter(options.dataDir, () => ({ version: 1, ...engine.snapshot(), credentials }));
  }
  const faults = new FaultInjector();
  /** Calls answered per operation since start (benchmarks compare upstream traffic with it). */
  const requestCounts: Partial<Record<SandboxOperation, number>> = {};
  let origin = "";

  const requireEndpoint = (id: string | null | undefined) => {
    const endpoint = id ? engine.endpoints.get(id) : undefined;
    if (!endpoint) throw new HttpError(404, "ENDPOINT_NOT_FOUND", `endpoint ${id ?? "(none)"} not found`);
    return endpoint;
  };
  const requireRoute = (name: string) => {
    const endpoint = engine.resolveRouteName(name);
    if (!endpoint) throw new HttpError(404, "ENDPOINT_NOT_FOUND", `no endpoint is named ${name} (use <endpoint-id>-<app-name> or the endpoint id)`);
    return endpoint;
  };
  const requireJob = (endpoint: SandboxEndpoint, jobId: string) => {
    const job = engine.getJob(endpoint, jobId);
    if (!job) throw new HttpError(404, "TASK_NOT_FOUND", `job ${jobId} not found: it never existed on this endpoint or its result expired`);
    return job;
  };
  const validated = <T extends Parameters<typeof checkEndpointConfig>[0]>(config: T): T => {
    try {
      checkEndpointConfig(config, new Set(credentials.map((credential) => credential.id)));
    } catch (error) {
      if (error instanceof InvalidEndpointConfig) throw new HttpError(400, "INVALID_REQUEST_BODY", error.message, { field: error.field });
      throw error;
    }
    return config;
  };

  const m = (path: string) => new RegExp(`^${MANAGEMENT_PREFIX}${path}$`);
  const routes: Route[] = [
    {
      method: "GET",
      pattern: m("/endpoints"),
      operation: "endpoints.list",
      bodyLimit: 0,
      handle: ({ url }) => {
        const all = [...engine.endpoints.values()].sort((a, b) => b.createdAt - a.createdAt);
        const pageSize = Math.max(1, Number(url.searchParams.get("pageSize") ?? 10) || 10);
        const pageNum = Math.max(0, Number(url.searchParams.get("pageNum") ?? 0) || 0);
        return {
          endpoints: all.slice(pageNum * pageSize, (pageNum + 1) * pageSize).map((endpoint) => wireEndpoint(endpoint, engine, origin, true)),
          total: all.length,
        };
      },
    },
    {
      method: "GET",
      pattern: m("/endpoint"),
      operation: "endpoints.get",
      bodyLimit: 0,
      handle: ({ url }) => ({ endpoint: wireEndpoint(requireEndpoint(url.searchParams.get("id")), engine, origin, false) }),
    },
    {
      method: "POST",
      pattern: m("/endpoint/create"),
      operation: "endpoints.create",
      bodyLimit: MAX_MANAGEMENT_BODY_BYTES,
      handle: async ({ body }) => {
        const { endpoint: input } = parseBody(createEndpointBodySchema, await body());
        const config = validated(
          normaliseConfig(input, {
            appName: input.appName ?? "",
            products: input.products,
            rootfsSize: input.rootfsSize ?? SANDBOX_LIMITS.freeRootfsSize,
            cudaVersion: input.workerConfig.cudaVersion,
          }),
        );
        const created = engine.createEndpoint({ ...config, appName: input.appName || undefined });
        return { id: created.id };
      },
    },
    {
      method: "POST",
      pattern: m("/endpoint/update"),
      operation: "endpoints.update",
      bodyLimit: MAX_MANAGEMENT_BODY_BYTES,
      handle: async ({ body }) => {
        const input = parseBody(updateEndpointBodySchema, await body());
        const existing = requireEndpoint(input.id);
        // Full replace, as the docs require; GPU product and disk cannot change after create.
        const config = validated(
          normaliseConfig(input, {
            appName: existing.config.appName,
            products: existing.config.products,
            rootfsSize: existing.config.rootfsSize,
            cudaVersion: input.workerConfig.cudaVersion ?? existing.config.workerConfig.cudaVersion,
          }),
        );
        engine.updateEndpoint(existing.id, config);
        return wireEndpoint(existing, engine, origin, false);
      },
    },
    {
      method: "POST",
      pattern: m("/endpoint/delete"),
      operation: "endpoints.delete",
      bodyLimit: MAX_MANAGEMENT_BODY_BYTES,
      handle: async ({ body }) => {
        // The field is called `name` but takes the endpoint id (as documented).
        const { name } = parseBody(z.object({ name: z.string().min(1) }), await body());
        engine.deleteEndpoint(requireEndpoint(name).id);
        return {};
      },
    },
    { method: "GET", pattern: m("/endpoint/limit"), operation: "endpoints.limit", bodyLimit: 0, handle: () => SANDBOX_LIMITS },
    {
      method: "GET",
      pattern: m("/repository/auths"),
      operation: "registry.list",
      bodyLimit: 0,
      // Novita echoes the password back here; the sandbox does too, so the console's care is tested.
      handle: () => ({ data: credentials }),
    },
    {
      method: "POST",
      pattern: m("/repository/auth/save"),
      operation: "registry.save",
      bodyLimit: MAX_MANAGEMENT_BODY_BYTES,
      handle: async ({ body }) => {
        const input = parseBody(
          z.object({ name: z.string().min(1).max(255), username: z.string().min(1).max(511), password: z.string().min(1).max(1024) }),
          await body(),
        );
        if (credentials.some((credential) => credential.name === input.name)) {
          throw new HttpError(400, "INVALID_REQUEST_BODY", `a registry credential named ${input.name} already exists`, { field: "name" });
        }
        credentials.push({ id: `auth-${randomBytes(6).toString("hex")}`, ...input });
        writer?.schedule();
        return {};
      },
    },
    {
      method: "POST",
      pattern: m("/repository/auth/delete"),
      operation: "registry.delete",
      bodyLimit: MAX_MANAGEMENT_BODY_BYTES,
      handle: async ({ body }) => {
        const { id } = parseBody(z.object({ id: z.string().min(1) }), await body());
        const index = credentials.findIndex((credential) => credential.id === id);
        if (index < 0) throw new HttpError(404, "NOT_FOUND", `registry credential ${id} not found`);
        credentials.splice(index, 1);
        writer?.schedule();
        return {};
      },
    },
    {
      method: "GET",
      pattern: m("/networkstorages/list"),
      operation: "storages.list",
      bodyLimit: 0,
      handle: () => ({ data: SANDBOX_NETWORK_STORAGES, total: SANDBOX_NETWORK_STORAGES.length }),
    },
    {
      method: "GET",
      pattern: m("/products"),
      operation: "products.list",
      bodyLimit: 0,
      handle: () => ({ data: SANDBOX_PRODUCTS.map((product) => ({ ...product, regions: [SANDBOX_CLUSTER_ID] })) }),
    },

    // ——— job gateway ———
    {
      method: "POST",
      pattern: /^\/v1\/([^/]+)\/run$/,
      operation: "jobs.run",
      bodyLimit: MAX_JOB_BODY_BYTES,
      handle: async ({ params, body }) => {
        const endpoint = requireRoute(params[0]!);
        const { input } = parseBody(z.object({ input: z.unknown() }), await body());
        if (input === undefined) throw new HttpError(400, "INVALID_REQUEST_BODY", 'body must be {"input": {...}}', { field: "input" });
        const job = engine.submitJob(endpoint, input);
        return { id: job.id, status: "PENDING" };
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/([^/]+)\/status\/([^/]+)$/,
      operation: "jobs.status",
      bodyLimit: 0,
      handle: ({ params }) => wireJob(requireJob(requireRoute(params[0]!), params[1]!), Date.now()),
    },
    {
      // The newest guide cancels with POST, the older one with GET: both work.
      method: ["POST", "GET"],
      pattern: /^\/v1\/([^/]+)\/cancel\/([^/]+)$/,
      operation: "jobs.cancel",
      bodyLimit: MAX_MANAGEMENT_BODY_BYTES,
      handle: ({ params }) => {
        const job = engine.cancelJob(requireJob(requireRoute(params[0]!), params[1]!));
        return { id: job.id, status: job.status };
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/([^/]+)\/health$/,
      operation: "jobs.health",
      bodyLimit: 0,
      handle: ({ params }) => engine.health(requireRoute(params[0]!)),
    },
    {
      method: "GET",
      pattern: /^\/v1\/([^/]+)\/stats$/,
      operation: "jobs.stats",
      bodyLimit: 0,
      handle: ({ params }) => {
        const endpoint = requireRoute(params[0]!);
        const health = engine.health(endpoint);
        return {
          busy_workers: health.workers.running,
          endpoint: endpoint.id,
          in_progress: health.jobs.inProgress,
          pending: health.jobs.inQueue,
          total_workers: health.workers.total,
        };
      },
    },

    // ——— test controls ———
    {
      method: "POST",
      pattern: /^\/_sandbox\/faults$/,
      operation: undefined,
      bodyLimit: MAX_MANAGEMENT_BODY_BYTES,
      handle: async ({ body }) => {
        faults.add(parseBody(faultSchema, await body()));
        return { faults: faults.list() };
      },
    },
    {
      method: "DELETE",
      pattern: /^\/_sandbox\/faults$/,
      operation: undefined,
      bodyLimit: 0,
      handle: () => (faults.clear(), { faults: [] }),
    },
    {
      method: "POST",
      pattern: /^\/_sandbox\/workers\/(pause|resume)$/,
      operation: undefined,
      bodyLimit: MAX_MANAGEMENT_BODY_BYTES,
      handle: async ({ params, body }) => {
        const { endpointId } = parseBody(z.object({ endpointId: z.string().optional() }).default({}), await body());
        if (endpointId) requireEndpoint(endpointId);
        if (params[0] === "pause") engine.pause(endpointId);
        else engine.resume(endpointId);
        return { paused: params[0] === "pause", endpointId: endpointId ?? "*" };
      },
    },
    {
      method: "POST",
      pattern: /^\/_sandbox\/reset$/,
      operation: undefined,
      bodyLimit: MAX_MANAGEMENT_BODY_BYTES,
      handle: () => {
        engine.reset();
        faults.clear();
        credentials.length = 0;
        writer?.schedule();
        return { reset: true };
      },
    },
    {
      method: "GET",
      pattern: /^\/_sandbox\/state$/,
      operation: undefined,
      bodyLimit: 0,
      handle: () => ({
        endpoints: engine.endpoints.size,
        jobs: engine.jobs.size,
        workers: engine.workers.size,
        faults: faults.list(),
        requests: requestCounts,
      }),
    },
  ];

  const server: Server = createServer((request, response) => {
    void handle(request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://sandbox");
    try {
      const onPath = routes.filter((candidate) => candidate.pattern.test(url.pathname));
      if (onPath.length === 0) throw new HttpError(404, "API_NOT_FOUND", `no such API: ${request.method} ${url.pathname}`);
      const route = onPath.find((candidate) => [candidate.method].flat().includes(request.method ?? ""));
      if (!route) throw new HttpError(405, "METHOD_NOT_ALLOWED", `${request.method} is not allowed on ${url.pathname}`);
      if (!keyMatches(request.headers.authorization, options.apiKey)) {
        throw new HttpError(403, "INVALID_API_KEY", "invalid api-key");
      }
      if (route.operation) requestCounts[route.operation] = (requestCounts[route.operation] ?? 0) + 1;
      const fault = route.operation ? faults.take(route.operation) : undefined;
      if (fault?.mode === "drop") {
        request.socket.destroy();
        return;
      }
      if (fault?.mode === "hang") {
        const timer = setTimeout(() => request.socket.destroy(), fault.hangMs);
        request.socket.once("close", () => clearTimeout(timer));
        return;
      }
      if (fault?.mode === "rate_limit") {
        throw new HttpError(429, "RATE_LIMIT_EXCEEDED", "too many requests", undefined, {
          "retry-after": String(fault.retryAfterSeconds),
        });
      }
      if (fault?.mode === "error500") throw new HttpError(500, "INTERNAL_ERROR", "the sandbox was asked to fail this call");

      const params = (url.pathname.match(route.pattern) ?? []).slice(1).map((part) => decodeURIComponent(part));
      const result = await route.handle({ request, url, params, body: () => readBody(request, route.bodyLimit) });
      send(response, 200, result);
    } catch (error) {
      if (error instanceof HttpError) {
        send(response, error.status, errorBody(error.status, error.reason, error.message, error.metadata), error.headers);
      } else {
        send(response, 500, errorBody(500, "INTERNAL_ERROR", error instanceof Error ? error.message : String(error)));
      }
      // An unread request body would otherwise keep the connection half-open.
      request.resume();
    }
  }

  const ticker = setInterval(() => engine.tick(), options.tickMs ?? 100);
  ticker.unref();

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  if (options.keepProcessAlive === false) server.unref();
  const port = (server.address() as AddressInfo).port;
  origin = `http://${options.host ?? "127.0.0.1"}:${port}`;

  return {
    port,
    origin,
    managementBaseUrl: `${origin}${MANAGEMENT_PREFIX}`,
    jobsBaseUrl: `${origin}/v1`,
    engine,
    faults,
    async close() {
      clearInterval(ticker);
      engine.stop();
      writer?.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
