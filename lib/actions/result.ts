/** What every server action returns: expected failures are values, never thrown to the client. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: ActionError };

export interface ActionError {
  /** `forbidden`: the caller's role may use the action, but not for this particular change (fields say which). */
  code: "invalid" | "forbidden" | "conflict" | "not_found" | "upstream" | "internal" | "rate_limited";
  message: string;
  /** Per-field messages, keyed like the form's field names. */
  fields?: Record<string, string>;
}

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

export function fail(code: ActionError["code"], message: string, fields?: Record<string, string>): ActionResult<never> {
  return { ok: false, error: fields ? { code, message, fields } : { code, message } };
}
