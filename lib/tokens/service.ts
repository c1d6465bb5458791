import { announceChange } from "@/lib/cluster/changes";
import { forgetVerifiedTokens } from "@/lib/tokens/verified";
import "server-only";
import { desc, eq } from "drizzle-orm";
import { TOKEN_PREFIX, type Auth } from "@/lib/auth/auth";
import { hasRole, ROLES, type Role } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import type { Database } from "@/lib/db/client";
import { apiTokens, users } from "@/lib/db/schema";
import { ConsoleError } from "@/lib/errors";
import type { z } from "zod";
import { expiryDays, type createTokenSchema } from "./schemas";

/** A token as the list shows it: never the key, only its first characters. */
export interface TokenSummary {
  id: string;
  name: string;
  /** The first characters of the key (`nvc_ab12…`), to tell tokens apart. */
  start: string;
  role: Role;
  ownerId: string;
  ownerName: string;
  ownerEmail: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

/**
 * Who a request made with a token acts as: the owner, with `user.role` the lower of the token's role and the owner's
 * role today (`token.role` is the role the token was made with).
 */
export interface TokenCaller {
  user: SessionUser;
  token: { id: string; name: string; role: Role };
}

const DAY_SECONDS = 24 * 60 * 60;

function roleIn(metadata: unknown): Role {
  const parsed = typeof metadata === "string" ? safeJson(metadata) : metadata;
  const role = (parsed as { role?: unknown } | null)?.role;
  return ROLES.includes(role as Role) ? (role as Role) : "viewer";
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The lower of two roles: a token never does more than its owner may do now. */
export function cappedRole(tokenRole: Role, ownerRole: Role): Role {
  return hasRole(ownerRole, tokenRole) ? tokenRole : ownerRole;
}

/**
 * Creates a token for `owner` (better-auth's API-key plugin makes the key and stores only its hash). The role may not
 * be higher than the owner's. Returns the key once; it cannot be read again.
 */
export async function createToken(auth: Auth, owner: SessionUser, input: z.output<typeof createTokenSchema>) {
  if (!hasRole(owner.role, input.role)) {
    throw new ConsoleError("forbidden", `A token's role cannot be higher than yours (${owner.role}).`, {
      role: `Choose ${owner.role} or lower.`,
    });
  }
  const days = expiryDays(input.expires);
  const created = await auth.api.createApiKey({
    body: {
      name: input.name,
      userId: owner.id,
      expiresIn: days === null ? null : days * DAY_SECONDS,
      metadata: { role: input.role },
    },
  });
  return {
    id: created.id,
    key: created.key,
    start: created.start ?? "",
    expiresAt: created.expiresAt ? new Date(created.expiresAt) : null,
  };
}

/** Tokens newest first: the owner's own, or everyone's for `all` (admins). */
export async function listTokens(db: Database, options: { ownerId?: string }): Promise<TokenSummary[]> {
  const rows = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      start: apiTokens.start,
      metadata: apiTokens.metadata,
      ownerId: apiTokens.referenceId,
      ownerName: users.name,
      ownerEmail: users.email,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastRequest,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.referenceId))
    .where(options.ownerId ? eq(apiTokens.referenceId, options.ownerId) : undefined)
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(({ metadata, name, start, ...row }) => ({
    ...row,
    name: name ?? "(unnamed)",
    start: start ?? "",
    role: roleIn(metadata),
  }));
}

/**
 * Revokes (deletes) a token. Owners revoke their own; admins anyone's. Returns what was revoked, for the audit row.
 */
export async function revokeToken(db: Database, caller: SessionUser, id: string) {
  const [token] = await db
    .select({ id: apiTokens.id, name: apiTokens.name, ownerId: apiTokens.referenceId, metadata: apiTokens.metadata })
    .from(apiTokens)
    .where(eq(apiTokens.id, id));
  if (!token || (token.ownerId !== caller.id && !hasRole(caller.role, "admin"))) {
    throw new ConsoleError("not_found", "This token no longer exists (already revoked or expired). Reload the page.");
  }
  await db.delete(apiTokens).where(eq(apiTokens.id, id));
  forgetVerifiedTokens();
  void announceChange("tokens");
  return { id: token.id, name: token.name ?? "", ownerId: token.ownerId, role: roleIn(token.metadata) };
}

/**
 * The caller a bearer token stands for, or null when the key is unknown, revoked or expired (better-auth checks the
 * hash and the expiry and records the last use). The owner's current role caps the token's.
 */
export async function authenticateToken(db: Database, auth: Auth, key: string): Promise<TokenCaller | null> {
  if (!key.startsWith(TOKEN_PREFIX) || key.length > 200) return null;
  const verified = await auth.api.verifyApiKey({ body: { key } }).catch(() => null);
  if (!verified?.valid || !verified.key) return null;
  const [owner] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.id, verified.key.referenceId));
  if (!owner) return null;
  const tokenRole = roleIn(verified.key.metadata);
  return {
    user: { ...owner, role: cappedRole(tokenRole, owner.role) },
    token: { id: verified.key.id, name: verified.key.name ?? "", role: tokenRole },
  };
}
