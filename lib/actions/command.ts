import "server-only";
import type { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import type { ActionResult } from "./result";
import type { AuditSpec, AuditTrail } from "./define";

/**
 * A change the console makes, defined once for both doors: the server action (`guardedAction(command, …)`) and the
 * REST API (`runCommand` in lib/api/v1). The same role, the same zod schema, the same audit row, the same body.
 */
export interface Command<Schema extends z.ZodType, Result> {
  role: Role;
  input: Schema;
  audit: AuditSpec<z.output<Schema>>;
  run: (input: z.output<Schema>, user: SessionUser, trail: AuditTrail) => Promise<ActionResult<Result>>;
}

/** Types a command (its input from the schema); the value is returned as it is. */
export function defineCommand<Schema extends z.ZodType, Result>(command: Command<Schema, Result>) {
  return command;
}
