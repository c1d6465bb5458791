/**
 * Quirks on demand, for tests: Novita's answers are only partly published, so a test can make the sandbox answer
 * the way some other reading says Novita might — a field under another name, a field missing, another job-route
 * rule for endpoints created without an app name — and check that the client copes. Set through
 * POST /_sandbox/quirks (see docs/sandbox.md); they apply to successful (200) answers only.
 */
import { z } from "zod";
import { operationSchema, type SandboxOperation } from "./faults";

/** Which job-route names answer for an endpoint created without an app name (its app name is then its id). */
export const DEFAULT_APP_ROUTES = ["both", "id", "id-id"] as const;
export type DefaultAppRoute = (typeof DEFAULT_APP_ROUTES)[number];

export const quirksSchema = z
  .object({
    renameFields: z
      .array(z.object({ operation: operationSchema, from: z.string().min(1), to: z.string().min(1) }).strict())
      .optional(),
    omitFields: z.array(z.object({ operation: operationSchema, field: z.string().min(1) }).strict()).optional(),
    defaultAppRoute: z.enum(DEFAULT_APP_ROUTES).optional(),
  })
  .strict();
export type QuirksInput = z.output<typeof quirksSchema>;

export interface Quirks {
  renameFields: { operation: SandboxOperation | "*"; from: string; to: string }[];
  omitFields: { operation: SandboxOperation | "*"; field: string }[];
  defaultAppRoute: DefaultAppRoute;
}

function noQuirks(): Quirks {
  return { renameFields: [], omitFields: [], defaultAppRoute: "both" };
}

/**
 * Renames every key `from` → `to` and drops every key in `omit`,
 * at any depth, into a new value (the input is untouched).
 */
export function reshape(value: unknown, renames: ReadonlyMap<string, string>, omit: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => reshape(item, renames, omit));
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = renames.get(key) ?? key;
    if (omit.has(name)) continue;
    result[name] = reshape(item, renames, omit);
  }
  return result;
}

export class QuirkSet {
  private quirks = noQuirks();

  /** Rename and omit rules are added to the ones already set; `defaultAppRoute` replaces. */
  merge(input: QuirksInput): Quirks {
    this.quirks = {
      renameFields: [...this.quirks.renameFields, ...(input.renameFields ?? [])],
      omitFields: [...this.quirks.omitFields, ...(input.omitFields ?? [])],
      defaultAppRoute: input.defaultAppRoute ?? this.quirks.defaultAppRoute,
    };
    return this.current();
  }

  clear(): Quirks {
    this.quirks = noQuirks();
    return this.current();
  }

  current(): Quirks {
    return {
      renameFields: this.quirks.renameFields.map((rule) => ({ ...rule })),
      omitFields: this.quirks.omitFields.map((rule) => ({ ...rule })),
      defaultAppRoute: this.quirks.defaultAppRoute,
    };
  }

  get defaultAppRoute(): DefaultAppRoute {
    return this.quirks.defaultAppRoute;
  }

  /**
   * The answer of `operation` with this set's renames (applied first) and omissions; the same value when none apply.
   */
  apply(operation: SandboxOperation, payload: unknown): unknown {
    const applies = (rule: { operation: string }) => rule.operation === operation || rule.operation === "*";
    const renames = new Map(this.quirks.renameFields.filter(applies).map((rule) => [rule.from, rule.to]));
    const omit = new Set(this.quirks.omitFields.filter(applies).map((rule) => rule.field));
    if (renames.size === 0 && omit.size === 0) return payload;
    return reshape(payload, renames, omit);
  }
}
