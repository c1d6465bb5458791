import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requireUser } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/db/schema";
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

/**
 * Defines a guarded server action: it checks the session and role first (401/403 before anything runs),
 * then parses its input with the concept's zod schema, then runs. Unexpected errors are logged and returned
 * as a generic message — their text may hold details the browser must not see.
 */
export function guardedAction<Schema extends z.ZodType, Result>(
  minRole: Role,
  schema: Schema,
  run: (input: z.output<Schema>, user: SessionUser) => Promise<ActionResult<Result>>,
): (input: z.input<Schema>) => Promise<ActionResult<Result>> {
  return async (input) => {
    const user = await requireUser(minRole);
    const parsed = schema.safeParse(input);
    if (!parsed.success) return fail("invalid", "Some fields need attention.", fieldErrors(parsed.error));
    try {
      return await run(parsed.data, user);
    } catch (error) {
      unstable_rethrow(error);
      logger.error({ err: error, userId: user.id }, "server action failed");
      return fail("internal", "Something went wrong on the server. Try again; if it keeps happening, check the server log.");
    }
  };
}
