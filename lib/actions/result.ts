import type { ErrorBody, ErrorCode } from "@/lib/errors";

/** What every server action returns: expected failures are values, never thrown to the client. */
export type ActionResult<T = undefined> = { ok: true; data: T } | { ok: false; error: ActionError };

/** The console's one error shape (lib/errors.ts), as an action result carries it. */
export type ActionError = ErrorBody;

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string, fields?: Record<string, string>): ActionResult<never> {
  return { ok: false, error: fields ? { code, message, fields } : { code, message } };
}
