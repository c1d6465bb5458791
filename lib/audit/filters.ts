/** The audit log's filters, as they live in the URL (page and CSV export read the same ones). Browser-safe. */
import { z } from "zod";
import { hasControlCharacter, queryText } from "@/lib/api/query";

/** Blank means no filter; a control character (a lone newline too) is refused, as in every query. */
const optionalText = z.preprocess(
  (value) => (typeof value === "string" && (value.trim() !== "" || hasControlCharacter(value)) ? value : undefined),
  queryText({ max: 200 }).optional(),
);
const optionalDay = z.preprocess(
  (value) =>
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
      ? value
      : undefined,
  z.string().optional(),
);

export const auditFiltersSchema = z.object({
  /** Matches the actor's email or name (part of it). */
  person: optionalText,
  /** An exact action, e.g. `member.invite`, or a prefix ending in a dot, e.g. `member.`. */
  action: optionalText,
  /** Matches the target's id or type (part of it). */
  target: optionalText,
  /** Days, `yyyy-mm-dd`, inclusive, in UTC. */
  from: optionalDay,
  to: optionalDay,
  /** Keyset cursor: rows older than this id. */
  before: z.preprocess(
    (value) => (typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined),
    z.number().int().positive().optional(),
  ),
});
export type AuditFilters = z.output<typeof auditFiltersSchema>;

const FILTER_KEYS = ["person", "action", "target", "from", "to", "before"] as const;

/** The filter parameters as given (the first of a repeated one), for `auditFiltersSchema`. */
export function auditFilterInput(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  const get = (key: string) => {
    if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, get(key)]));
}

/**
 * The page's reading: a filter it cannot use (a control character, over 200 characters) is left out, so the page
 * still shows the log. The CSV export answers 400 for those instead (`auditFilterInput` + `parseQuery`).
 */
export function parseAuditFilters(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): AuditFilters {
  const input = auditFilterInput(params);
  const parsed = auditFiltersSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) delete input[String(issue.path[0])];
  return auditFiltersSchema.parse(input);
}

/** Back to URL parameters (without the cursor unless asked), for links and the export. */
export function auditFiltersToSearch(filters: AuditFilters, extra: { before?: number } = {}): string {
  const params = new URLSearchParams();
  for (const key of ["person", "action", "target", "from", "to"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (extra.before) params.set("before", String(extra.before));
  const search = params.toString();
  return search ? `?${search}` : "";
}
