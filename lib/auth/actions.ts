"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { fieldErrors, guardedAction } from "@/lib/actions/define";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { getAuth } from "@/lib/auth/auth";
import { requireUser } from "@/lib/auth/guard";
import { changeOwnPassword } from "@/lib/auth/password";
import { safeReturnPath } from "@/lib/auth/return-path";
import { profileSchema, setupFormSchema, signInSchema, type SetupFormInput, type SignInInput } from "@/lib/auth/schemas";
import { attemptSignIn, signInWithPassword, signOutCurrentSession } from "@/lib/auth/sign-in";
import { createFirstAdmin, SetupAlreadyDoneError, updateUserName } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";
import { changePasswordSchema } from "@/lib/team/schemas";

/** Public by nature: this is how a session starts. Rate-limited per account and per address, audited. */
export async function signIn(input: SignInInput): Promise<ActionResult<never>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "Some fields need attention.", fieldErrors(parsed.error));
  const attempt = await attemptSignIn(parsed.data);
  if (attempt.outcome === "rate_limited") return fail("rate_limited", attempt.message);
  if (attempt.outcome === "invalid_credentials") return fail("invalid", "Wrong email or password. Check both and try again.");
  redirect(safeReturnPath(parsed.data.next));
}

export async function signOut(): Promise<void> {
  const user = await requireUser("viewer");
  await signOutCurrentSession(user);
  redirect("/login");
}

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

/** Anyone signed in may rename themselves. */
export const updateProfile = guardedAction("viewer", profileSchema, { action: "profile.update", targetType: "user" }, async ({ name }, user, trail) => {
  trail.target(user.id);
  await updateUserName(await getDb(), user.id, name);
  revalidatePath("/", "layout");
  return ok({ name });
});

/** Anyone signed in may change their own password; their other sessions end. */
export const changePassword = guardedAction("viewer", changePasswordSchema, { action: "profile.password", targetType: "user" }, async (input, user, trail) => {
  trail.target(user.id);
  trail.after({ otherSessionsEnded: true });
  const outcome = await changeOwnPassword({ currentPassword: input.currentPassword, newPassword: input.newPassword });
  if (outcome === "wrong_current_password") return fail("invalid", "The current password is wrong.", { currentPassword: "The current password is wrong." });
  return ok(null);
});
