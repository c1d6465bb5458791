/**
 * Query parameters of the app/api route handlers: the shared rules for free text and keyset cursors (browser-safe,
 * the pages' schemas use them too) and the one 400 a route answers when they are broken.
 */
import { z } from "zod";
import { ConsoleError, errorResponse } from "@/lib/errors";

/** U+0000–U+001F and U+007F. None belongs in a filter, and Postgres refuses NUL in text (a 500 before). */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
export const CONTROL_CHARACTER_MESSAGE = "Must not contain control characters.";

export function hasControlCharacter(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

/**
 * A free-text query parameter: no control characters (checked before trimming, so a trailing newline counts too),
 * trimmed, at most `max` characters; `min: 1` refuses an empty one.
 */
export function queryText(options: { max?: number; min?: number } = {}) {
  let text = z
    .string()
    .refine((value) => !hasControlCharacter(value), CONTROL_CHARACTER_MESSAGE)
    .trim()
    .max(options.max ?? 200);
  if (options.min) text = text.min(options.min);
  return text;
}

const cursorTime = z.iso.datetime({ offset: true });

/** `<ISO time>|<id>` of a keyset cursor the list gave out, or undefined for anything else. */
export function decodeKeysetCursor(value: string | undefined): { at: string; id: string } | undefined {
  if (!value || value.length > 300 || hasControlCharacter(value)) return undefined;
  const [at, id, ...rest] = value.split("|");
  if (!at || !id || rest.length || !cursorTime.safeParse(at).success || Number.isNaN(Date.parse(at))) return undefined;
  return { at, id };
}

/** A keyset cursor parameter (`after`): exactly what the previous page's `next` was, or a 400. */
export const keysetCursor = z
  .string()
  .refine(
    (value) => decodeKeysetCursor(value) !== undefined,
    "Not a cursor this list gave out: start again from the first page.",
  );

/**
 * A keyset list's paging parameters: `after`, the previous page's `next` (opaque: `<ISO time>|<id>` of its last row),
 * and `limit`, 1–200 rows (`defaultLimit` when absent). Spread its shape into a list's query schema.
 */
export function keysetPaging(defaultLimit: number) {
  return z.object({
    after: keysetCursor.optional().describe("The previous page's `next`: the page after it."),
    limit: z.coerce.number().int().min(1).max(200).default(defaultLimit).describe("Items per page, 1–200."),
  });
}

/** The first message per parameter, keyed by its name. */
export function queryFieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? "query")] ??= issue.message;
  return fields;
}

/** The route handlers' 400: `{ error: { code: "invalid", message, fields } }` (lib/errors.ts, as every error). */
export function invalidQuery(fields: Record<string, string>): Response {
  const message = Object.entries(fields)
    .map(([field, problem]) => `${field}: ${problem}`)
    .join(" ");
  return errorResponse(new ConsoleError("invalid", message, fields));
}

/** Parses a route's query with its schema: the data, or the 400 to answer. */
export function parseQuery<Schema extends z.ZodType>(
  schema: Schema,
  input: URLSearchParams | Record<string, unknown>,
): { ok: true; data: z.output<Schema> } | { ok: false; response: Response } {
  const parsed = schema.safeParse(input instanceof URLSearchParams ? Object.fromEntries(input) : input);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, response: invalidQuery(queryFieldErrors(parsed.error)) };
}

/** A route's path parameters (`[id]`) with a control character in them: the 400 to answer, or undefined. */
export function invalidPathParams(params: unknown): Response | undefined {
  if (!params || typeof params !== "object") return undefined;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((item) => typeof item === "string" && hasControlCharacter(item)))
      fields[name] = CONTROL_CHARACTER_MESSAGE;
  }
  return Object.keys(fields).length ? invalidQuery(fields) : undefined;
}
