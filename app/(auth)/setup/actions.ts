"use server";

import { redirect } from "next/navigation";
import { fieldErrors } from "@/lib/actions/define";
import { fail, type ActionResult } from "@/lib/actions/result";
import { getAuth } from "@/lib/auth/auth";
import { setupFormSchema, type SetupFormInput } from "@/lib/auth/schemas";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { createFirstAdmin, SetupAlreadyDoneError } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";

/** Public only while the console has no user at all; `createFirstAdmin` refuses once one exists. */
export async function createAdministrator(input: SetupFormInput): Promise<ActionResult<never>> {
  const parsed = setupFormSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "Some fields need attention.", fieldErrors(parsed.error));
  try {
    await createFirstAdmin(await getDb(), await getAuth(), parsed.data);
  } catch (error) {
    if (error instanceof SetupAlreadyDoneError) return fail("conflict", error.message);
    throw error;
  }
  await signInWithPassword(parsed.data);
  redirect("/");
}
