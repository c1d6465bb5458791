"use server";

import { redirect } from "next/navigation";
import { fieldErrors } from "@/lib/actions/define";
import { fail, type ActionResult } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { getAuth } from "@/lib/auth/auth";
import { setupFormSchema, type SetupFormInput } from "@/lib/auth/schemas";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { createFirstAdmin, SetupAlreadyDoneError } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";

/** Public only while the console has no user at all; `createFirstAdmin` refuses once one exists. */
export async function createAdministrator(input: SetupFormInput): Promise<ActionResult<never>> {
  const parsed = setupFormSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "Some fields need attention.", fieldErrors(parsed.error));
  let admin: { id: string; email: string };
  try {
    admin = await createFirstAdmin(await getDb(), await getAuth(), parsed.data);
  } catch (error) {
    if (error instanceof SetupAlreadyDoneError) {
      await recordAudit({ actor: null, action: "auth.setup", targetType: "user", targetId: parsed.data.email, result: "failed", errorMessage: error.message });
      return fail("conflict", error.message);
    }
    throw error;
  }
  await recordAudit({
    actor: { id: admin.id, email: admin.email, name: parsed.data.name },
    action: "auth.setup",
    targetType: "user",
    targetId: admin.id,
    after: { name: parsed.data.name, email: admin.email, role: "admin" },
    result: "ok",
  });
  await signInWithPassword(parsed.data);
  redirect("/");
}
