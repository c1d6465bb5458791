/**
 * The sandbox's HTTP face: Novita's management API under /gpu-instance/openapi/v1, its v2 product catalogue
 * under /gpus/v2 and the job gateway under /v1/{routeName}, with Novita's auth and error shapes, plus test
 * controls under /_sandbox. The routes live in routes-*.ts; this file dispatches, applies faults and quirks.
 */
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SandboxEngine } from "./engine";
import { FaultInjector } from "./faults";
import { errorBody, HttpError, readBody, send, type Route, type SandboxContext } from "./http";
import { createStateWriter, loadState, type RegistryCredentialRecord } from "./persistence";
import { QuirkSet } from "./quirks";
import { controlRoutes } from "./routes-controls";
import { gatewayRoutes } from "./routes-gateway";
import { GPUS_V2_PREFIX, MANAGEMENT_PREFIX, managementRoutes } from "./routes-management";
import { createWorkerRunner } from "./workers";

export { MAX_JOB_BODY_BYTES } from "./http";

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
  /** `${origin}/gpu-instance/openapi/v1` */
  managementBaseUrl: string;
  /** `${origin}/gpus/v2` (the product catalogue) */
  gpusV2BaseUrl: string;
  /** `${origin}/v1` */
  jobsBaseUrl: string;
  engine: SandboxEngine;
  faults: FaultInjector;
  quirks: QuirkSet;
  close(): Promise<void>;
}

function keyMatches(header: string | undefined, apiKey: string): boolean {
  const presented = header?.startsWith("Bearer ") ? header.slice(7).trim() : "";
  const a = Buffer.from(presented);
  const b = Buffer.from(apiKey);
  return a.length === b.length && timingSafeEqual(a, b);
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
  let origin = "";
  const context: SandboxContext = {
    engine,
    faults: new FaultInjector(),
    quirks: new QuirkSet(),
    credentials,
    requestCounts: {},
    statusCalls: new Map(),
    origin: () => origin,
    saveSoon: () => writer?.schedule(),
    refuseConnectionsFor: (ms) => refuseConnectionsFor(ms),
  };
  const { faults, quirks, requestCounts } = context;
  const routes: Route[] = [...managementRoutes(context), ...gatewayRoutes(context), ...controlRoutes(context)];

  const server: Server = createServer((request, response) => {
    void handle(request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://sandbox");
    try {
      const onPath = routes.filter((candidate) => candidate.pattern.test(url.pathname));
      if (onPath.length === 0)
        throw new HttpError(404, "API_NOT_FOUND", `no such API: ${request.method} ${url.pathname}`);
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
      if (fault?.mode === "slow") await new Promise((resolve) => setTimeout(resolve, fault.hangMs));
      if (fault?.mode === "rate_limit") {
        throw new HttpError(429, "RATE_LIMIT_EXCEEDED", "too many requests", undefined, {
          "retry-after": String(fault.retryAfterSeconds),
        });
      }
      if (fault?.mode === "error500")
        throw new HttpError(500, "INTERNAL_ERROR", "the sandbox was asked to fail this call");
      if (fault?.mode === "refuse") {
        throw new HttpError(
          fault.status!,
          fault.reason!,
          fault.message ?? `the sandbox was asked to refuse this call with ${fault.reason}`,
        );
      }

      const params = (url.pathname.match(route.pattern) ?? []).slice(1).map((part) => decodeURIComponent(part));
      const result = await route.handle({ request, url, params, body: () => readBody(request, route.bodyLimit) });
      if (fault?.mode === "lose_answer") {
        request.socket.destroy();
        return;
      }
      send(response, 200, route.operation ? quirks.apply(route.operation, result) : result);
    } catch (error) {
      if (error instanceof HttpError) {
        send(
          response,
          error.status,
          errorBody(error.status, error.reason, error.message, error.metadata),
          error.headers,
        );
      } else {
        send(response, 500, errorBody(500, "INTERNAL_ERROR", error instanceof Error ? error.message : String(error)));
      }
      // An unread request body would otherwise keep the connection half-open.
      request.resume();
    }
  }

  let closing = false;
  let reopenTimer: NodeJS.Timeout | undefined;
  function refuseConnectionsFor(ms: number): { until: number } {
    const until = Date.now() + ms;
    // After this answer is on its way: the listener closes, and every open (keep-alive) connection with it.
    setImmediate(() => {
      server.close();
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 50).unref();
      clearTimeout(reopenTimer);
      reopenTimer = setTimeout(() => {
        if (!closing) server.listen(port, options.host ?? "127.0.0.1");
      }, ms);
      if (options.keepProcessAlive === false) reopenTimer.unref();
    });
    return { until };
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
    gpusV2BaseUrl: `${origin}${GPUS_V2_PREFIX}`,
    jobsBaseUrl: `${origin}/v1`,
    engine,
    faults,
    quirks,
    async close() {
      closing = true;
      clearTimeout(reopenTimer);
      clearInterval(ticker);
      engine.stop();
      writer?.flush();
      server.closeAllConnections();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
