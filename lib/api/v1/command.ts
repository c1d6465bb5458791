import "server-only";
import type { z } from "zod";
import type { Command } from "@/lib/actions/command";
import { fieldErrors, runAudited } from "@/lib/actions/define";
import { fail, type ActionResult } from "@/lib/actions/result";
import { hasRole } from "@/lib/auth/roles";
import type { ApiCaller } from "./caller";

/**
 * Runs a command (lib/actions/command.ts) for an API caller, as its server action would: the command's role, its
 * zod schema (`invalid` with `fields`), then `runAudited` — one audit row, with the token's name when there is one.
 */
export async function runCommand<Schema extends z.ZodType, Result>(
  caller: ApiCaller,
  command: Command<Schema, Result>,
  input: z.input<Schema>,
): Promise<ActionResult<Result>> {
  if (!hasRole(caller.user.role, command.role)) {
    return fail("forbidden", `This needs the ${command.role} role; the caller acts as ${caller.user.role}.`);
  }
  const parsed = command.input.safeParse(input);
  if (!parsed.success) return fail("invalid", "Some fields need attention.", fieldErrors(parsed.error));
  return runAudited(caller, command.audit, parsed.data, (trail) => command.run(parsed.data, caller.user, trail));
}
