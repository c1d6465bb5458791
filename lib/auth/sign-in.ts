import "server-only";
import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { getAuth } from "./auth";

export type SignInOutcome = "signed_in" | "invalid_credentials";

/** Checks the password and, on success, sets the session cookie on the current response. */
export async function signInWithPassword(input: { email: string; password: string }): Promise<SignInOutcome> {
  const auth = await getAuth();
  try {
    await auth.api.signInEmail({ body: { email: input.email, password: input.password }, headers: await headers() });
    return "signed_in";
  } catch (error) {
    if (isAPIError(error) && (error.statusCode === 401 || error.statusCode === 400)) return "invalid_credentials";
    throw error;
  }
}

/** Ends the current session (row deleted) and clears its cookie. */
export async function signOutCurrentSession(): Promise<void> {
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() });
}
