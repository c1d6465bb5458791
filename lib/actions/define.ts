import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requireUser } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/auth/roles";
import { toConsoleError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import { isConsoleError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { fail, type ActionResult } from "./result";

/** Turns zod issues into the first message per field, for `fields` of an action error. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** What an action's audit row says: `endpoint.create` on `endpoint` <id>. */
export interface AuditSpec<Input> {
  action: string;
  targetType: string;
  /** The target's id from the parsed input; the action may also set it (e.g. an id Novita just assigned). */
  targetId?: (input: Input) => string | null | undefined;
}

/** Lets an action put the change it made into its audit row (secrets are redacted when written). */
export interface AuditTrail {
  target(id: string | null | undefined): void;
  before(value: unknown): void;
  after(value: unknown): void;
}

/** What `guardedAction` needs to know: who may call it, the concept's zod schema for its input, its audit row. */
export interface GuardedActionOptions<Schema extends z.ZodType> {
  role: Role;
  input: Schema;
  audit: AuditSpec<z.output<Schema>>;
}

/**
 * Defines a guarded server action: it checks the session and role first (401/403 before anything runs),
 * then parses its input with the concept's zod schema, then runs, then writes one audit row with the result.
 * Expected failures are returned by `run` or thrown as a `ConsoleError` or `NovitaError` (mapped once, in
 * `toConsoleError`), so actions need no try/catch of their own. Unexpected errors are logged and returned as a
 * generic message — their text may hold details the browser must not see. Refused callers (signed out, role too
 * low) and unparsable input change nothing and are not audited.
 */
export function guardedAction<Schema extends z.ZodType, Result>(
  { role, input: schema, audit }: GuardedActionOptions<Schema>,
  run: (input: z.output<Schema>, user: SessionUser, trail: AuditTrail) => Promise<ActionResult<Result>>,
): (input: z.input<Schema>) => Promise<ActionResult<Result>> {
  return async (input) => {
    let user: SessionUser;
    try {
      user = await requireUser(role);
    } catch (error) {
      // Next's 401/403 interrupts go on; the database missing is an answer (503 `unavailable`), not a crash.
      if (isConsoleError(error) && error.code === "unavailable") return fail(error.code, error.message);
      throw error;
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) return fail("invalid", "Some fields need attention.", fieldErrors(parsed.error));
    return runAudited({ user }, audit, parsed.data, (trail) => run(parsed.data, user, trail));
  };
}

/** Who makes a change: the person, and the console token when it came through the API. */
export interface AuditedCaller {
  user: SessionUser;
  token?: { name: string } | null;
}

/**
 * Runs an allowed, parsed operation and writes its one audit row (the core of `guardedAction`, shared with the API
 * routes). Expected failures — returned, or thrown as `ConsoleError`/`NovitaError` — are results; anything else is
 * logged and returned as a generic message.
 */
export async function runAudited<Input, Result>(
  caller: AuditedCaller,
  audit: AuditSpec<Input>,
  input: Input,
  run: (trail: AuditTrail) => Promise<ActionResult<Result>>,
): Promise<ActionResult<Result>> {
  let targetId = audit.targetId?.(input) ?? null;
  let before: unknown;
  let after: unknown = input;
  const trail: AuditTrail = {
    target: (id) => void (targetId = id ?? null),
    before: (value) => void (before = value),
    after: (value) => void (after = value),
  };
  const write = (result: "ok" | "failed" | "error", errorMessage?: string) =>
    recordAudit({
      actor: caller.user,
      tokenName: caller.token?.name ?? null,
      action: audit.action,
      targetType: audit.targetType,
      targetId,
      before,
      after,
      result,
      errorMessage,
    });
  try {
    const result = await run(trail);
    await write(result.ok ? "ok" : "failed", result.ok ? undefined : result.error.message);
    return result;
  } catch (error) {
    unstable_rethrow(error);
    const expected = toConsoleError(error);
    if (expected) {
      // With the database missing there is nowhere to write the row: nothing was changed either.
      if (expected.code !== "unavailable") await write("failed", expected.message);
      return fail(expected.code, expected.message, expected.fields);
    }
    logger.error({ err: error, userId: caller.user.id }, "operation failed");
    await write("error", "Unexpected server error");
    return fail(
      "internal",
      "Something went wrong on the server. Try again; if it keeps happening, check the server log.",
    );
  }
}

/**
 * A public server action — signing in, the first-run setup, accepting an invite: there is no session yet. It parses
 * its input (unparsable input changes nothing and is not audited); a failure `run` returns, or throws as a
 * `ConsoleError`/`NovitaError`, is returned and, with `audit`, recorded as a failed row without an actor. The success
 * row is the action's own (it names the person just created, before the redirect). Anything else propagates.
 */
export function publicAction<Schema extends z.ZodType, Result>(
  { input: schema, audit }: { input: Schema; audit?: AuditSpec<z.output<Schema>> },
  run: (input: z.output<Schema>, trail: Pick<AuditTrail, "target">) => Promise<ActionResult<Result>>,
): (input: z.input<Schema>) => Promise<ActionResult<Result>> {
  return async (input) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return fail("invalid", "Some fields need attention.", fieldErrors(parsed.error));
    let targetId = audit?.targetId?.(parsed.data) ?? null;
    const trail = { target: (id: string | null | undefined) => void (targetId = id ?? null) };
    const result = await run(parsed.data, trail).catch((error: unknown) => {
      const expected = toConsoleError(error);
      if (!expected) throw error;
      return fail(expected.code, expected.message, expected.fields);
    });
    if (!result.ok && audit && result.error.code !== "unavailable") {
      await recordAudit({
        actor: null,
        action: audit.action,
        targetType: audit.targetType,
        targetId,
        result: "failed",
        errorMessage: result.error.message,
      });
    }
    return result;
  };
}
