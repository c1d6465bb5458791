import { announceChange } from "@/lib/cluster/changes";
import { forgetVerifiedTokens } from "@/lib/tokens/verified";
import "server-only";
import { asc, count, eq, max, sql } from "drizzle-orm";
import type { Role } from "@/lib/auth/roles";
import type { Database } from "@/lib/db/client";
import { sessions, users } from "@/lib/db/schema";
import { lastAdminRefusal } from "./rules";

export interface Member {
  id: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
  /** The newest session activity (sign-in or session refresh); null when the member has no open session. */
  lastActiveAt: Date | null;
}

export async function listMembers(db: Database): Promise<Member[]> {
  const activity = db
    .select({ userId: sessions.userId, lastActiveAt: max(sessions.updatedAt).as("last_active_at") })
    .from(sessions)
    .groupBy(sessions.userId)
    .as("activity");
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      joinedAt: users.createdAt,
      lastActiveAt: activity.lastActiveAt,
    })
    .from(users)
    .leftJoin(activity, eq(activity.userId, users.id))
    .orderBy(asc(users.createdAt));
  return rows.map((row) => ({ ...row, lastActiveAt: row.lastActiveAt ? new Date(row.lastActiveAt) : null }));
}

export async function countAdmins(db: Database): Promise<number> {
  const [row] = await db.select({ value: count() }).from(users).where(eq(users.role, "admin"));
  return row?.value ?? 0;
}

export type MemberChange =
  | { ok: true; member: { id: string; name: string; email: string }; before: Role; after: Role | null }
  | { ok: false; reason: "not_found" | "last_admin" | "self"; message: string };

const NOT_FOUND = {
  ok: false,
  reason: "not_found",
  message: "That member no longer exists. Reload the page.",
} as const;

/**
 * Changes a role, or removes the member (`role: null`). The admin rows are locked for the check, so two admins
 * demoting each other at once cannot leave the console without one. Removal deletes the member's sessions in the
 * same transaction: their next request finds no session and is sent to sign in.
 */
export async function changeMember(
  db: Database,
  input: { userId: string; role: Role | null; actorId: string },
): Promise<MemberChange> {
  const change = await db.transaction(async (tx): Promise<MemberChange> => {
    const admins = await tx.select({ id: users.id }).from(users).where(eq(users.role, "admin")).for("update");
    const [member] = await tx
      .select({ id: users.id, name: users.name, email: users.email, role: users.role })
      .from(users)
      .where(eq(users.id, input.userId));
    if (!member) return NOT_FOUND;
    const refusal = lastAdminRefusal({ currentRole: member.role, nextRole: input.role }, admins.length);
    if (refusal) return { ok: false, reason: "last_admin", message: refusal };
    if (input.role === null) {
      if (member.id === input.actorId)
        return { ok: false, reason: "self", message: "You cannot remove yourself. Another administrator can." };
      await tx.delete(sessions).where(eq(sessions.userId, member.id));
      await tx.delete(users).where(eq(users.id, member.id));
    } else if (input.role !== member.role) {
      await tx
        .update(users)
        .set({ role: input.role, updatedAt: sql`now()` })
        .where(eq(users.id, member.id));
    }
    return {
      ok: true,
      member: { id: member.id, name: member.name, email: member.email },
      before: member.role,
      after: input.role,
    };
  });
  // The member's tokens are capped by their role or gone with them: this replica checks them again at once.
  if (change.ok) {
    forgetVerifiedTokens();
    void announceChange("tokens");
  }
  return change;
}
