import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { getAuth, type Auth } from "@/lib/auth/auth";
import { getDb, type Database } from "@/lib/db/client";
import { apiTokens, users } from "@/lib/db/schema";
import { authenticateToken, cappedRole, type TokenCaller } from "@/lib/tokens/service";
import { verifiedTokens, type VerifiedToken } from "@/lib/tokens/verified";
import { processSingleton } from "@/lib/utils/process-singleton";

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

/** How long a token verified by better-auth is then only re-checked by one read (its last use is recorded anew). */
export const TOKEN_REVERIFY_MS = 60_000;
/** How long one read's answer about a token stands on this replica (a change made on another counts within it). */
export const TOKEN_RECHECK_MS = 1_000;
const MAX_VERIFIED = 10_000;

/** better-auth verifications under way, by key digest. */
function verifying(): Map<string, Promise<TokenCaller | null>> {
  return processSingleton("verifying-tokens", () => new Map<string, Promise<TokenCaller | null>>());
}

/** One read: the token still exists, is enabled and unexpired; its owner's role today caps it. */
async function recheck(db: Database, verified: VerifiedToken, now: number): Promise<TokenCaller | null> {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      enabled: apiTokens.enabled,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.referenceId))
    .where(eq(apiTokens.id, verified.token.id));
  if (!row || row.enabled === false || (row.expiresAt && row.expiresAt.getTime() <= now)) return null;
  const user = { id: row.id, name: row.name, email: row.email, role: cappedRole(verified.token.role, row.role) };
  const caller = { user, token: verified.token };
  verified.checked = { caller, at: now, expiresAt: row.expiresAt?.getTime() ?? null };
  return caller;
}

/** The caller the last read confirmed, while it is younger than TOKEN_RECHECK_MS and the token unexpired. */
function recentlyChecked(verified: VerifiedToken, now: number): TokenCaller | undefined {
  const { checked } = verified;
  if (!checked || now - checked.at >= TOKEN_RECHECK_MS || now < checked.at) return undefined;
  return checked.expiresAt === null || checked.expiresAt > now ? checked.caller : undefined;
}

/**
 * The caller behind `key`. better-auth's verification (hash lookup plus two writes recording the use) runs once per
 * token per TOKEN_REVERIFY_MS; in between, a key verified before is re-checked by one read at most once per
 * TOKEN_RECHECK_MS, so a revoked, disabled or expired token, or a demoted or removed owner, counts within a second
 * on every replica (at once on the one that made the change: it forgets its verified tokens) — only `last used` is
 * recorded once a minute.
 */
export async function verifiedTokenCaller(
  db: Database,
  auth: Auth,
  key: string,
  now = Date.now(),
): Promise<TokenCaller | null> {
  const cache = verifiedTokens();
  const digest = createHash("sha256").update(key).digest("hex");
  const known = cache.get(digest);
  if (known && now - known.at < TOKEN_REVERIFY_MS) {
    const recent = recentlyChecked(known, now);
    if (recent) return recent;
    const caller = await recheck(db, known, now);
    if (!caller) cache.delete(digest);
    return caller;
  }
  // One verification at a time per key: a hundred scripts sharing a token, all due at once, wait for the same one.
  const inFlight = verifying();
  const pending = inFlight.get(digest);
  if (pending) return pending;
  const verification = authenticateToken(db, auth, key)
    .then((caller) => {
      cache.delete(digest);
      if (caller) {
        if (cache.size >= MAX_VERIFIED) cache.delete(cache.keys().next().value!);
        cache.set(digest, { token: caller.token, at: now });
      }
      return caller;
    })
    .finally(() => inFlight.delete(digest));
  inFlight.set(digest, verification);
  return verification;
}

/** The caller behind the request's token, or null (no token, unknown, revoked, expired, or its owner removed). */
export async function tokenCallerOf(request: Request): Promise<TokenCaller | null> {
  const token = presentedToken(request);
  if (!token) return null;
  return verifiedTokenCaller(await getDb(), await getAuth(), token);
}
