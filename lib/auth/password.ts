import "server-only";
import { isAPIError } from "better-auth/api";
import { getAuth } from "./auth";
import { headersForAuth } from "./request-address";

/**
 * Changes the signed-in user's password. better-auth checks the current one, deletes every session of the user
 * and opens a fresh one for this browser (new cookie): other browsers are signed out.
 */
export async function changeOwnPassword(input: {
  currentPassword: string;
  newPassword: string;
}): Promise<"changed" | "wrong_current_password"> {
  const auth = await getAuth();
  try {
    await auth.api.changePassword({ body: { ...input, revokeOtherSessions: true }, headers: await headersForAuth() });
    return "changed";
  } catch (error) {
    if (isAPIError(error) && error.statusCode === 400) return "wrong_current_password";
    throw error;
  }
}
