import "server-only";
import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db/client";
import { getAuth } from "./auth";
import { clearSignInFailures, recordSignInFailure, signInBlockedForMs } from "./rate-limit";
import { signInLimitKeys, tooManyAttemptsMessage } from "./rate-limit-rules";
import { headersForAuth, requestClientAddress } from "./request-address";
import { toSessionUser, type SessionUser } from "./session";

export type SignInOutcome = { outcome: "signed_in"; user: SessionUser } | { outcome: "invalid_credentials" };

/** Checks the password and, on success, sets the session cookie on the current response. */
export async function signInWithPassword(input: { email: string; password: string }): Promise<SignInOutcome> {
  const auth = await getAuth();
  try {
    const result = await auth.api.signInEmail({
      body: { email: input.email, password: input.password },
      headers: await headersForAuth(),
    });
    return { outcome: "signed_in", user: toSessionUser(result.user) };
  } catch (error) {
    if (isAPIError(error) && (error.statusCode === 401 || error.statusCode === 400))
      return { outcome: "invalid_credentials" };
    throw error;
  }
}

export type SignInAttempt =
  { outcome: "signed_in" } | { outcome: "invalid_credentials" } | { outcome: "rate_limited"; message: string };

/**
 * The sign-in form's whole path: refused while the account or the address is over its limit (without even checking
 * the password), counts failures, forgets the account's failures on success, and audits every outcome.
 */
export async function attemptSignIn(input: { email: string; password: string }): Promise<SignInAttempt> {
  const db = await getDb();
  // Not X-Forwarded-For as sent: with no trusted proxy a client writes it (client-address.ts).
  const address = await requestClientAddress();
  const keys = signInLimitKeys(input.email, address);
  const audit = (result: "ok" | "failed", actor: SessionUser | null, errorMessage?: string) =>
    recordAudit({
      actor,
      action: "auth.sign-in",
      targetType: "user",
      targetId: actor?.id ?? input.email,
      after: { email: input.email, address },
      result,
      errorMessage,
    });

  const blocked = await signInBlockedForMs(db, keys);
  if (blocked > 0) {
    await audit("failed", null, "Refused: too many failed attempts");
    return { outcome: "rate_limited", message: tooManyAttemptsMessage(blocked) };
  }
  const attempt = await signInWithPassword(input);
  if (attempt.outcome === "signed_in") {
    await clearSignInFailures(db, keys[0]!.key);
    await audit("ok", attempt.user);
    return { outcome: "signed_in" };
  }
  const nowBlocked = await recordSignInFailure(db, keys);
  await audit("failed", null, "Wrong email or password");
  return nowBlocked > 0
    ? { outcome: "rate_limited", message: tooManyAttemptsMessage(nowBlocked) }
    : { outcome: "invalid_credentials" };
}

/** Ends the current session (row deleted) and clears its cookie. */
export async function signOutCurrentSession(user: SessionUser): Promise<void> {
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() });
  await recordAudit({ actor: user, action: "auth.sign-out", targetType: "user", targetId: user.id, result: "ok" });
}
