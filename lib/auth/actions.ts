"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guardedAction, publicAction } from "@/lib/actions/define";
import { fail, ok } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { getAuth } from "@/lib/auth/auth";
import { requireUser } from "@/lib/auth/guard";
import { changeOwnPassword } from "@/lib/auth/password";
import { safeReturnPath } from "@/lib/auth/return-path";
import { profileSchema, setupFormSchema, signInSchema } from "@/lib/auth/schemas";
import { attemptSignIn, signInWithPassword, signOutCurrentSession } from "@/lib/auth/sign-in";
import { createFirstAdmin, updateUserName } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";
import { changePasswordSchema } from "@/lib/team/schemas";

/**
 * Public by nature: this is how a session starts. Rate-limited per account and per address, audited (by attemptSignIn).
 */
export const signInAction = publicAction({ input: signInSchema }, async (input) => {
  const attempt = await attemptSignIn(input);
  if (attempt.outcome === "rate_limited") return fail("rate_limited", attempt.message);
  if (attempt.outcome === "invalid_credentials")
    return fail("invalid", "Wrong email or password. Check both and try again.");
  redirect(safeReturnPath(input.next));
});

export async function signOutAction(): Promise<void> {
  const user = await requireUser("viewer");
  await signOutCurrentSession(user);
  redirect("/login");
}

/**
 * Public only while the console has no user at all: `createFirstAdmin` refuses once one exists (SetupAlreadyDoneError,
 * a 409 audited as failed against the email).
 */
export const createAdministratorAction = publicAction(
  { input: setupFormSchema, audit: { action: "auth.setup", targetType: "user", targetId: (input) => input.email } },
  async (input) => {
    const admin = await createFirstAdmin(await getDb(), await getAuth(), input);
    await recordAudit({
      actor: { id: admin.id, email: admin.email, name: input.name },
      action: "auth.setup",
      targetType: "user",
      targetId: admin.id,
      after: { name: input.name, email: admin.email, role: "admin" },
      result: "ok",
    });
    await signInWithPassword(input);
    redirect("/");
  },
);

/** Anyone signed in may rename themselves. */
export const updateProfileAction = guardedAction(
  { role: "viewer", input: profileSchema, audit: { action: "profile.update", targetType: "user" } },
  async ({ name }, user, trail) => {
    trail.target(user.id);
    await updateUserName(await getDb(), user.id, name);
    revalidatePath("/", "layout");
    return ok({ name });
  },
);

/** Anyone signed in may change their own password; their other sessions end. */
export const changePasswordAction = guardedAction(
  { role: "viewer", input: changePasswordSchema, audit: { action: "profile.password", targetType: "user" } },
  async (input, user, trail) => {
    trail.target(user.id);
    trail.after({ otherSessionsEnded: true });
    const outcome = await changeOwnPassword({ currentPassword: input.currentPassword, newPassword: input.newPassword });
    if (outcome === "wrong_current_password")
      return fail("invalid", "The current password is wrong.", { currentPassword: "The current password is wrong." });
    return ok(null);
  },
);
