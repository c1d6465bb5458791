"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { fieldErrors, guardedAction } from "@/lib/actions/define";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { getAuth } from "@/lib/auth/auth";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db/client";
import { acceptInvite, createInvite, InviteRefusedError, revokeInvite } from "@/lib/team/invites";
import { changeMember } from "@/lib/team/members";
import { INVITE_STATE_MESSAGES } from "@/lib/team/rules";
import { acceptInviteSchema, changeRoleSchema, inviteIdSchema, inviteSchema, removeMemberSchema, type AcceptInviteInput } from "@/lib/team/schemas";

const PAGE = "/settings/members";

/** Returns the invite's token once, for the admin to copy; only its hash is stored (and audited: nothing secret). */
export const inviteMember = guardedAction("admin", inviteSchema, { action: "member.invite", targetType: "invite" }, async (input, user, trail) => {
  try {
    const invite = await createInvite(await getDb(), { ...input, createdBy: user.id });
    trail.target(invite.id);
    trail.after({ email: invite.email, role: invite.role, expiresAt: invite.expiresAt.toISOString(), replacedInvites: invite.replaced });
    revalidatePath(PAGE);
    return ok({ id: invite.id, token: invite.token, email: invite.email, role: invite.role, expiresAt: invite.expiresAt.toISOString() });
  } catch (error) {
    if (error instanceof InviteRefusedError) return fail("conflict", error.message, { email: error.message });
    throw error;
  }
});

export const revokeMemberInvite = guardedAction("admin", inviteIdSchema, { action: "invite.revoke", targetType: "invite", targetId: (input) => input.id }, async ({ id }, _user, trail) => {
  const revoked = await revokeInvite(await getDb(), id);
  if (!revoked) return fail("not_found", "This invite is no longer pending (used, revoked or expired). Reload the page.");
  trail.before({ email: revoked.email, role: revoked.role });
  trail.after({ revoked: true });
  revalidatePath(PAGE);
  return ok({ email: revoked.email });
});

export const changeMemberRole = guardedAction("admin", changeRoleSchema, { action: "member.role", targetType: "user", targetId: (input) => input.userId }, async ({ userId, role }, user, trail) => {
  const change = await changeMember(await getDb(), { userId, role, actorId: user.id });
  if (!change.ok) return fail(change.reason === "not_found" ? "not_found" : "conflict", change.message);
  trail.before({ email: change.member.email, role: change.before });
  trail.after({ email: change.member.email, role: change.after });
  revalidatePath(PAGE);
  return ok({ name: change.member.name, role });
});

/** Deletes the member and their sessions: an open browser of theirs is sent to sign in on its next request. */
export const removeMember = guardedAction("admin", removeMemberSchema, { action: "member.remove", targetType: "user", targetId: (input) => input.userId }, async ({ userId }, user, trail) => {
  const change = await changeMember(await getDb(), { userId, role: null, actorId: user.id });
  if (!change.ok) return fail(change.reason === "not_found" ? "not_found" : "conflict", change.message);
  trail.before({ email: change.member.email, name: change.member.name, role: change.before });
  trail.after(null);
  revalidatePath(PAGE);
  return ok({ name: change.member.name });
});

/** Public: the invite token is the credential. It creates the account the invite names, then signs it in. */
export async function acceptInvitation(input: AcceptInviteInput): Promise<ActionResult<never>> {
  const parsed = acceptInviteSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "Some fields need attention.", fieldErrors(parsed.error));
  const outcome = await acceptInvite(await getDb(), await getAuth(), parsed.data);
  if (!outcome.ok) {
    const message =
      outcome.reason === "email_taken"
        ? "An account with this email already exists. Sign in with it instead."
        : INVITE_STATE_MESSAGES[outcome.reason];
    await recordAudit({ actor: null, action: "invite.accept", targetType: "invite", targetId: outcome.inviteId ?? null, result: "failed", errorMessage: message });
    return fail("conflict", message);
  }
  await recordAudit({
    actor: outcome.user,
    action: "invite.accept",
    targetType: "invite",
    targetId: outcome.inviteId,
    after: { userId: outcome.user.id, email: outcome.user.email, name: outcome.user.name, role: outcome.user.role },
    result: "ok",
  });
  await signInWithPassword({ email: outcome.user.email, password: parsed.data.password });
  redirect("/");
}
