/**
 * The console's one error type, for server actions, route handlers and the public API alike: a code from one union,
 * a sentence for people and, for a form, a message per field. Browser-safe: the UI reads the same shape from an
 * action's result and from a route's JSON (`{ error: { code, message, fields? } }`).
 */

export type ErrorCode =
  /** The input is wrong; `fields` say where. */
  | "invalid"
  /** Signed out (route handlers; actions answer with Next's 401 interrupt). */
  | "unauthenticated"
  /** The role may not do this, or not this particular change (`fields` say which). */
  | "forbidden"
  | "not_found"
  /** The change collides with the current state (already a member, a key already stored, …). */
  | "conflict"
  | "rate_limited"
  /** Novita failed or refused; the message says what to do. */
  | "upstream"
  /** The console's own database is not answering for now (503 with Retry-After); nothing was changed. */
  | "unavailable"
  /** A bug or an outage of ours: the message is generic, the details are in the server log. */
  | "internal";

/** The HTTP status a route handler answers for each code. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
  upstream: 502,
  unavailable: 503,
};

/** How long a client should wait before it asks again after an `unavailable` answer (seconds). */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

/** What travels to the browser: an action's `error`, a route's `error`. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Per-field messages, keyed like the form's field names (or a route's parameter names). */
  fields?: Record<string, string>;
}

const BRAND = Symbol.for("novita-console.ConsoleError");

/**
 * An expected failure, thrown by a service and turned into a result or a response once (`guardedAction`,
 * `guardRoute`). Domain errors (`JobNotFound`, `InvalidWorkflow`, …) extend it with their code and fields.
 */
export class ConsoleError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  readonly [BRAND] = true;

  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = "ConsoleError";
    this.code = code;
    this.fields = fields;
  }

  toJSON(): ErrorBody {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}

/** Also true for a ConsoleError built by another server bundle's copy of this module (like `isNovitaError`). */
export function isConsoleError(error: unknown): error is ConsoleError {
  return error instanceof ConsoleError || (error instanceof Error && (error as { [BRAND]?: unknown })[BRAND] === true);
}

/** A route's answer for an expected failure: the code's status, the body, never cached. */
export function errorResponse(error: ConsoleError): Response {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (error.code === "unavailable") headers["retry-after"] = String(UNAVAILABLE_RETRY_AFTER_S);
  return Response.json({ error: error.toJSON() }, { status: ERROR_STATUS[error.code], headers });
}
