/** The rules of membership that do not need a database: pure, unit-tested. */
import type { Role } from "@/lib/auth/roles";

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type InviteState = "pending" | "used" | "revoked" | "expired";

export function inviteState(
  invite: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InviteState {
  if (invite.usedAt) return "used";
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

/** What the invite page says for a link that cannot be used (any more). */
export const INVITE_STATE_MESSAGES: Record<Exclude<InviteState, "pending"> | "unknown", string> = {
  used:
    "This invite link has already been used. " +
    "Sign in with the account it created, or ask an administrator for a new link.",
  revoked: "This invite link was revoked by an administrator. Ask them for a new one.",
  expired: "This invite link has expired (links last 7 days). Ask an administrator for a new one.",
  unknown: "This invite link is not valid. Check that you copied all of it, or ask an administrator for a new one.",
};

export const LAST_ADMIN_MESSAGE = "The console needs at least one administrator. Make someone else an admin first.";

/**
 * Whether a change leaves the console without an administrator: demoting or removing the only admin.
 * `adminCount` counts admins before the change. Returns the refusal message, or null when allowed.
 */
export function lastAdminRefusal(
  change: { currentRole: Role; nextRole: Role | null },
  adminCount: number,
): string | null {
  const losesAdmin = change.currentRole === "admin" && change.nextRole !== "admin";
  return losesAdmin && adminCount <= 1 ? LAST_ADMIN_MESSAGE : null;
}
