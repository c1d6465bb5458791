/**
 * The one way this client talks HTTP: Bearer key, JSON, a timeout per attempt, answers checked against a zod
 * schema, failures turned into `NovitaError`. Nothing here logs, so no header can leak into a log line.
 */
import type { z } from "zod";

import {
  networkErrorDetails,
  responseErrorDetails,
  timeoutErrorDetails,
  unexpectedShapeDetails,
  type TransportFailure,
} from "./error-details";
import { createNovitaError, NovitaError, type NovitaErrorDetails } from "./errors";
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  MAX_RETRY_AFTER_MS,
  parseRetryAfterMs,
  type RetryPolicy,
} from "./retry";
import { outcomeOfStatus, transportReason, type AttemptOutcome } from "./reachability";
import { wireErrorBody, type WireErrorBody } from "./wire";

export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;
export type SleepFunction = (milliseconds: number) => Promise<void>;

const DEFAULT_TIMEOUT_MS = 15_000;

export interface HttpClientOptions {
  baseUrl: string;
  apiKey: string;
  /** The setting that chooses `baseUrl`, named when the host cannot be reached. */
  baseUrlVariable: string;
  fetch?: FetchFunction;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: SleepFunction;
  /** Told the outcome of every attempt (an answer, or a failure at the network level or 5xx): reachability.ts. */
  onAttempt?: (outcome: AttemptOutcome) => void;
}

export interface HttpRequest<T> {
  /** A verb phrase for messages: "list endpoints". */
  operation: string;
  method: "GET" | "POST";
  path: string;
  query?: Record<string, string | number>;
  /** Already-serialized JSON, so callers that must measure it serialize only once. */
  body?: string;
  schema: z.ZodType<T>;
  timeoutMs?: number;
}

export interface HttpClient {
  request<T>(request: HttpRequest<T>): Promise<T>;
}

/** Errors with these codes happen before a connection exists, so the request cannot have been acted on. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

const RETRY_AFTER_STATUSES = new Set([429, 503]);

const defaultSleep: SleepFunction = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const host = new URL(baseUrl).host;
  const fetchFunction: FetchFunction = options.fetch ?? ((url, init) => fetch(url, init));
  const sleep = options.sleep ?? defaultSleep;
  const retryPolicy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const defaultTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fail = (details: NovitaErrorDetails) => createNovitaError(details, options.apiKey);
  const report = (outcome: AttemptOutcome) => {
    try {
      options.onAttempt?.(outcome);
    } catch {
      // a listener's failure is not the call's
    }
  };

  async function attempt<T>(request: HttpRequest<T>): Promise<T> {
    const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetchFunction(urlFor(baseUrl, request), {
        method: request.method,
        headers: {
          Authorization: `Bearer ${options.apiKey}`,
          Accept: "application/json",
          // The v1 docs mark Content-Type required on every call, bodiless GETs included.
          "Content-Type": "application/json",
        },
        body: request.body,
        signal,
      });
      text = await response.text();
    } catch (error) {
      const timedOut = signal.aborted || isTimeoutError(error);
      const description = describeFailure(error);
      report({ ok: false, reason: transportReason(description, timedOut) });
      // A call that changes something may have been carried out, unless the connection never opened.
      const outcomeUnknown = request.method !== "GET" && (timedOut || !neverSent(error));
      const failure: TransportFailure = {
        operation: request.operation,
        host,
        baseUrlVariable: options.baseUrlVariable,
        outcomeUnknown,
      };
      throw fail(
        timedOut ? timeoutErrorDetails(failure, timeoutMs) : networkErrorDetails(failure, new Error(description)),
      );
    }
    report(outcomeOfStatus(response.status));

    if (!response.ok) {
      const retryAfterMs = RETRY_AFTER_STATUSES.has(response.status)
        ? parseRetryAfterMs(response.headers.get("retry-after"))
        : undefined;
      const status = response.status;
      throw fail(responseErrorDetails({ operation: request.operation, status, body: errorBody(text), retryAfterMs }));
    }
    return parseAnswer(request, text, fail);
  }

  /** How long to wait before repeating, or undefined when this failure should reach the caller now. */
  function retryDelayMs(error: NovitaError, retryIndex: number): number | undefined {
    // A timeout is not repeated within the call: a hanging upstream would cost the whole timeout on every attempt
    // (four of them: a minute of a page, or of a tracker pass). The caller asks again later.
    const transient = error.kind === "network" || (error.status !== undefined && isRetryableStatus(error.status));
    if (!transient) return undefined;
    if (error.retryAfterMs === undefined) return backoffDelayMs(retryIndex, retryPolicy);
    return error.retryAfterMs <= MAX_RETRY_AFTER_MS ? error.retryAfterMs : undefined;
  }

  return {
    async request<T>(request: HttpRequest<T>): Promise<T> {
      // Only GETs repeat. A POST that failed may still have been carried out (a job started, an endpoint
      // created); cancel is harmless to repeat in effect, but it is a POST too, and one rule is easier to trust.
      const maxRetries = request.method === "GET" ? retryPolicy.maxRetries : 0;
      for (let retryIndex = 0; ; retryIndex++) {
        try {
          return await attempt(request);
        } catch (error) {
          const delay =
            error instanceof NovitaError && retryIndex < maxRetries ? retryDelayMs(error, retryIndex) : undefined;
          if (delay === undefined) throw error;
          await sleep(delay);
        }
      }
    },
  };
}

function urlFor(baseUrl: string, request: HttpRequest<unknown>): string {
  const query = new URLSearchParams(
    Object.entries(request.query ?? {}).map(([name, value]) => [name, String(value)]),
  ).toString();
  return `${baseUrl}${request.path}${query ? `?${query}` : ""}`;
}

function parseAnswer<T>(request: HttpRequest<T>, text: string, fail: (details: NovitaErrorDetails) => NovitaError): T {
  let json: unknown;
  try {
    json = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    throw fail(unexpectedShapeDetails(request.operation, "the body is not JSON"));
  }
  const parsed = request.schema.safeParse(json);
  if (!parsed.success) throw fail(unexpectedShapeDetails(request.operation, describeIssues(parsed.error)));
  return parsed.data;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const where = issue.path.map(String).join(".") || "(body)";
      return `${where}: ${issue.message.replace(/^Invalid input: /, "")}`;
    })
    .join("; ");
}

/** Reads Novita's error body when there is one; a short plain-text body (a proxy's, say) still says something. */
function errorBody(text: string): WireErrorBody {
  try {
    const parsed = wireErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: fall through to the text itself
  }
  const plain = text.trim();
  return plain && plain.length <= 200 && !plain.startsWith("<") ? { message: plain } : {};
}

function isTimeoutError(error: unknown): boolean {
  return error instanceof Error && error.name === "TimeoutError";
}

/** Node's fetch hides the reason in a chain of causes: "fetch failed: connect ECONNREFUSED 127.0.0.1:8790". */
function describeFailure(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    if (!(current instanceof Error)) {
      parts.push(String(current));
      break;
    }
    const text = current.message || errorCode(current);
    if (text && !parts.includes(text)) parts.push(text);
    current = current.cause;
  }
  return parts.join(": ") || "unknown error";
}

function neverSent(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = errorCode(current);
    if (code && NOT_SENT_CODES.has(code)) return true;
    if (current instanceof AggregateError && current.errors.every(neverSent)) return current.errors.length > 0;
  }
  return false;
}

function errorCode(error: Error): string | undefined {
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}
