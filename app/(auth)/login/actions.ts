"use server";

import { redirect } from "next/navigation";
import { fieldErrors } from "@/lib/actions/define";
import { fail, type ActionResult } from "@/lib/actions/result";
import { safeReturnPath } from "@/lib/auth/return-path";
import { signInSchema, type SignInInput } from "@/lib/auth/schemas";
import { signInWithPassword } from "@/lib/auth/sign-in";

/** Public by nature: this is how a session starts. */
export async function signIn(input: SignInInput): Promise<ActionResult<never>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "Some fields need attention.", fieldErrors(parsed.error));
  const outcome = await signInWithPassword(parsed.data);
  if (outcome === "invalid_credentials") return fail("invalid", "Wrong email or password. Check both and try again.");
  redirect(safeReturnPath(parsed.data.next));
}
