import "server-only";
import { getAuth } from "@/lib/auth/auth";
import { getDb } from "@/lib/db/client";
import { authenticateToken, type TokenCaller } from "@/lib/tokens/service";

/**
 * The token a script presents: `Authorization: Bearer <token>` (Novita's and RunPod's SDKs), or the bare token in
 * `Authorization` (RunPod's documented header), or `x-api-key`.
 */
export function presentedToken(request: Request): string | null {
  const header = request.headers.get("authorization")?.trim() ?? request.headers.get("x-api-key")?.trim();
  if (!header) return null;
  const token = /^bearer\s+/i.test(header) ? header.replace(/^bearer\s+/i, "").trim() : header;
  return token || null;
}

/** The caller behind the request's token, or null (no token, unknown, revoked, expired, or its owner removed). */
export async function tokenCallerOf(request: Request): Promise<TokenCaller | null> {
  const token = presentedToken(request);
  if (!token) return null;
  return authenticateToken(await getDb(), await getAuth(), token);
}
