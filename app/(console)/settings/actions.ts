"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/define";
import { ok } from "@/lib/actions/result";
import { profileSchema } from "@/lib/auth/schemas";
import { updateUserName } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";

/** Anyone signed in may rename themselves. */
export const updateProfile = guardedAction("viewer", profileSchema, { action: "profile.update", targetType: "user" }, async ({ name }, user, trail) => {
  trail.target(user.id);
  await updateUserName(await getDb(), user.id, name);
  revalidatePath("/", "layout");
  return ok({ name });
});
