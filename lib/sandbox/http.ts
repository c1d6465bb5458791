/** The sandbox's HTTP plumbing: Novita's error shape, body reading, routes and the state they share. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import type { SandboxEngine } from "./engine";
import type { FaultInjector, SandboxOperation } from "./faults";
import type { RegistryCredentialRecord } from "./persistence";
import type { QuirkSet } from "./quirks";

/** Answers `{code: status, reason, message, metadata?}`, Novita's error body. */
export class HttpError extends Error {
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

export interface SandboxContext {
  engine: SandboxEngine;
  faults: FaultInjector;
  quirks: QuirkSet;
  credentials: RegistryCredentialRecord[];
  /** Calls answered per operation since start (benchmarks compare upstream traffic with it). */
  requestCounts: Partial<Record<SandboxOperation, number>>;
  /**
   * Status calls per job: how many, and the shortest gap between two of them (the multi-replica test checks that
   * no job is asked about more than once per interval, whichever replica asks).
   */
  statusCalls: Map<string, { calls: number; lastAt: number; shortestGapMs: number | null }>;
  /** e.g. http://127.0.0.1:8790, known once the server listens. */
  origin(): string;
  /** Schedules a state.json write (no-op in memory). */
  saveSoon(): void;
  /**
   * Stops listening for `ms` once the current answer is sent (connections refused, open ones closed), then listens
   * on the same port again: Novita unreachable. Its end is a time, since no control call can reach it meanwhile.
   */
  refuseConnectionsFor(ms: number): { until: number };
}

export type Handler = (request: {
  request: IncomingMessage;
  url: URL;
  params: string[];
  body: () => Promise<unknown>;
}) => Promise<unknown> | unknown;

export interface Route {
  method: string | string[];
  pattern: RegExp;
  operation: SandboxOperation | undefined;
  bodyLimit: number;
  handle: Handler;
}

export const MAX_JOB_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_MANAGEMENT_BODY_BYTES = 1024 * 1024;

export function send(response: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) {
  if (response.headersSent || response.destroyed) return;
  const body = payload === undefined ? "" : JSON.stringify(payload);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

export function errorBody(status: number, reason: string, message: string, metadata?: Record<string, string>) {
  return { code: status, reason, message, ...(metadata ? { metadata } : {}) };
}

/** Reads the body up to `limit` bytes; past it, keeps draining (so the client can read our answer) and refuses. */
export function readBody(request: IncomingMessage, limit: number): Promise<unknown> {
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
          new HttpError(
            413,
            "REQUEST_TOO_LARGE",
            `request body is ${(size / 1024 / 1024).toFixed(2)} MiB, over the ${limit / 1024 / 1024} MiB limit`,
          ),
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

/**
 * Parses with zod; the first issue answers 400 `reason` (management API: `VALIDATOR_PARAM`) naming the field in
 * `metadata.field`, with `stripPrefix` (e.g. create's `endpoint.` wrapper) taken off so fields read as in update.
 */
export function parseBody<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  options: { reason?: string; stripPrefix?: string } = {},
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    let field = issue.path.join(".");
    if (options.stripPrefix && field.startsWith(options.stripPrefix)) field = field.slice(options.stripPrefix.length);
    throw new HttpError(
      400,
      options.reason ?? "VALIDATOR_PARAM",
      `${field || "body"}: ${issue.message}`,
      field ? { field } : undefined,
    );
  }
  return result.data;
}
