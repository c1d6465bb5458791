import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Auth } from "@/lib/auth/auth";
import type { Role } from "@/lib/auth/roles";
import { createUserWithPassword } from "@/lib/auth/users";
import type { Database } from "@/lib/db/client";
import { ConsoleError } from "@/lib/errors";
import { invites, users } from "@/lib/db/schema";
import { INVITE_LIFETIME_MS, inviteState, type InviteState } from "./rules";
import { hashInviteToken, newInviteToken } from "./tokens";

export interface CreatedInvite {
  id: string;
  /** Shown once to the admin who made it; never stored. */
  token: string;
  email: string;
  role: Role;
  expiresAt: Date;
  /** Earlier pending invites for the same address, revoked by this one. */
  replaced: number;
}

/** An invite that cannot be made (the address is already a member); the message lands on the email field. */
export class InviteRefusedError extends ConsoleError {
  constructor(message: string) {
    super("conflict", message, { email: message });
  }
}

/** A single-use invite: only the token's sha256 is stored. A newer invite for the same address replaces older ones. */
export async function createInvite(
  db: Database,
  input: { email: string; role: Role; createdBy: string },
  now = new Date(),
): Promise<CreatedInvite> {
  const [member] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (member) throw new InviteRefusedError(`${input.email} is already a member of this console.`);
  const token = newInviteToken();
  const expiresAt = new Date(now.getTime() + INVITE_LIFETIME_MS);
  const id = randomUUID();
  const replaced = await db.transaction(async (tx) => {
    const revoked = await tx
      .update(invites)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invites.email, input.email),
          isNull(invites.usedAt),
          isNull(invites.revokedAt),
          gt(invites.expiresAt, now),
        ),
      )
      .returning({ id: invites.id });
    await tx.insert(invites).values({
      id,
      tokenHash: hashInviteToken(token),
      email: input.email,
      role: input.role,
      createdBy: input.createdBy,
      expiresAt,
      createdAt: now,
    });
    return revoked.length;
  });
  return { id, token, email: input.email, role: input.role, expiresAt, replaced };
}

export interface PendingInvite {
  id: string;
  email: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
  createdByName: string | null;
}

export async function listPendingInvites(db: Database, now = new Date()): Promise<PendingInvite[]> {
  return db
    .select({
      id: invites.id,
      email: invites.email,
      role: invites.role,
      createdAt: invites.createdAt,
      expiresAt: invites.expiresAt,
      createdByName: users.name,
    })
    .from(invites)
    .leftJoin(users, eq(users.id, invites.createdBy))
    .where(and(isNull(invites.usedAt), isNull(invites.revokedAt), gt(invites.expiresAt, now)))
    .orderBy(desc(invites.createdAt));
}

/** Revokes a pending invite; null when there is none by that id (already used, revoked or expired). */
export async function revokeInvite(
  db: Database,
  id: string,
  now = new Date(),
): Promise<{ id: string; email: string; role: Role } | null> {
  const [row] = await db
    .update(invites)
    .set({ revokedAt: now })
    .where(and(eq(invites.id, id), isNull(invites.usedAt), isNull(invites.revokedAt), gt(invites.expiresAt, now)))
    .returning({ id: invites.id, email: invites.email, role: invites.role });
  return row ?? null;
}

export type InviteLookup =
  | { state: "pending"; id: string; email: string; role: Role; expiresAt: Date }
  | { state: Exclude<InviteState, "pending"> | "unknown"; id?: string };

/** What an invite link is worth right now. */
export async function lookUpInvite(db: Database, token: string, now = new Date()): Promise<InviteLookup> {
  const [row] = await db
    .select()
    .from(invites)
    .where(eq(invites.tokenHash, hashInviteToken(token)));
  if (!row) return { state: "unknown" };
  const state = inviteState(row, now);
  return state === "pending"
    ? { state, id: row.id, email: row.email, role: row.role, expiresAt: row.expiresAt }
    : { state, id: row.id };
}

export type AcceptOutcome =
  | { ok: true; inviteId: string; user: { id: string; email: string; name: string; role: Role } }
  | { ok: false; reason: Exclude<InviteState, "pending"> | "unknown" | "email_taken"; inviteId?: string };

/**
 * Turns a pending invite into an account with the invite's email and role. The invite is claimed first with a
 * conditional update, so two submissions of one link cannot both create an account; a failure afterwards un-claims it.
 */
export async function acceptInvite(
  db: Database,
  auth: Auth,
  input: { token: string; name: string; password: string },
  now = new Date(),
): Promise<AcceptOutcome> {
  const lookup = await lookUpInvite(db, input.token, now);
  if (lookup.state !== "pending") return { ok: false, reason: lookup.state, inviteId: lookup.id };
  const [claimed] = await db
    .update(invites)
    .set({ usedAt: now })
    .where(
      and(eq(invites.id, lookup.id), isNull(invites.usedAt), isNull(invites.revokedAt), gt(invites.expiresAt, now)),
    )
    .returning({ id: invites.id });
  if (!claimed) return { ok: false, reason: "used", inviteId: lookup.id };
  const unclaim = () => db.update(invites).set({ usedAt: null }).where(eq(invites.id, lookup.id));
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, lookup.email));
  if (existing) {
    await unclaim();
    return { ok: false, reason: "email_taken", inviteId: lookup.id };
  }
  try {
    const user = await createUserWithPassword(auth, {
      email: lookup.email,
      name: input.name,
      password: input.password,
      role: lookup.role,
    });
    await db.update(invites).set({ usedBy: user.id }).where(eq(invites.id, lookup.id));
    return {
      ok: true,
      inviteId: lookup.id,
      user: { id: user.id, email: user.email, name: input.name, role: lookup.role },
    };
  } catch (error) {
    await unclaim();
    throw error;
  }
}
