"use server";

import { redirect } from "next/navigation";
import { fieldErrors } from "@/lib/actions/define";
import { fail, type ActionResult } from "@/lib/actions/result";
import { safeReturnPath } from "@/lib/auth/return-path";
import { signInSchema, type SignInInput } from "@/lib/auth/schemas";
import { attemptSignIn } from "@/lib/auth/sign-in";

/** Public by nature: this is how a session starts. Rate-limited per account and per address, audited. */
export async function signIn(input: SignInInput): Promise<ActionResult<never>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "Some fields need attention.", fieldErrors(parsed.error));
  const attempt = await attemptSignIn(parsed.data);
  if (attempt.outcome === "rate_limited") return fail("rate_limited", attempt.message);
  if (attempt.outcome === "invalid_credentials") return fail("invalid", "Wrong email or password. Check both and try again.");
  redirect(safeReturnPath(parsed.data.next));
}
