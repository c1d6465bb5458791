import "server-only";
import { presentedToken, tokenCallerOf } from "@/lib/api/bearer";
import { getCurrentUser, type SessionUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { serverActionOrigins } from "@/lib/security/headers";

/** Who calls `/api/v1`: the owner of a console token (capped role), or the signed-in person of the console's pages. */
export interface ApiCaller {
  user: SessionUser;
  /** The token, for its bucket and the audit row's `token_name`; null for a session. */
  token: { id: string; name: string } | null;
}

/**
 * The caller of a request. A presented token decides alone (a wrong one is a 401 even with a session cookie);
 * without one, the console's session counts, so the console's own API page can try the routes.
 */
export async function apiCallerOf(request: Request): Promise<ApiCaller | null> {
  if (presentedToken(request)) {
    const caller = await tokenCallerOf(request);
    return caller && { user: caller.user, token: { id: caller.token.id, name: caller.token.name } };
  }
  const user = await getCurrentUser();
  return user && { user, token: null };
}

/**
 * Whether a write made with a session cookie comes from the console's own pages: its Origin is the console's host
 * (as received, forwarded, or PUBLIC_URL / ALLOWED_ORIGINS). Another site's page cannot ride on the cookie.
 */
export function isSameOriginWrite(request: Request): boolean {
  if (request.headers.get("sec-fetch-site") === "cross-site") return false;
  const origin = request.headers.get("origin");
  if (!origin || !URL.canParse(origin)) return false;
  const host = new URL(origin).host.toLowerCase();
  const config = getConfig();
  const own = [
    new URL(request.url).host,
    request.headers.get("host"),
    request.headers.get("x-forwarded-host")?.split(",")[0]?.trim(),
    ...serverActionOrigins({ ALLOWED_ORIGINS: config.allowedOrigins.join(","), PUBLIC_URL: config.publicUrl }),
  ];
  return own.some((candidate) => candidate?.toLowerCase() === host);
}
