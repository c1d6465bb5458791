"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/define";
import { fail, ok } from "@/lib/actions/result";
import { changeOwnPassword } from "@/lib/auth/password";
import { profileSchema } from "@/lib/auth/schemas";
import { updateUserName } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";
import { changePasswordSchema } from "@/lib/team/schemas";

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
