"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guardedAction, publicAction } from "@/lib/actions/define";
import { fail, ok } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { getAuth } from "@/lib/auth/auth";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db/client";
import { acceptInvite, createInvite, revokeInvite } from "@/lib/team/invites";
import { changeMember } from "@/lib/team/members";
import { INVITE_STATE_MESSAGES } from "@/lib/team/rules";
import {
  acceptInviteSchema,
  changeRoleSchema,
  inviteIdSchema,
  inviteSchema,
  removeMemberSchema,
} from "@/lib/team/schemas";

const PAGE = "/settings/members";

/** Returns the invite's token once, for the admin to copy; only its hash is stored (and audited: nothing secret). */
export const inviteMemberAction = guardedAction(
  { role: "admin", input: inviteSchema, audit: { action: "member.invite", targetType: "invite" } },
  async (input, user, trail) => {
    // An address that is already a member: `createInvite` throws InviteRefusedError (409, on the email field).
    const invite = await createInvite(await getDb(), { ...input, createdBy: user.id });
    trail.target(invite.id);
    trail.after({
      email: invite.email,
      role: invite.role,
      expiresAt: invite.expiresAt.toISOString(),
      replacedInvites: invite.replaced,
    });
    revalidatePath(PAGE);
    return ok({
      id: invite.id,
      token: invite.token,
      email: invite.email,
      role: invite.role,
      expiresAt: invite.expiresAt.toISOString(),
    });
  },
);

export const revokeMemberInviteAction = guardedAction(
  {
    role: "admin",
    input: inviteIdSchema,
    audit: { action: "invite.revoke", targetType: "invite", targetId: (input) => input.id },
  },
  async ({ id }, _user, trail) => {
    const revoked = await revokeInvite(await getDb(), id);
    if (!revoked)
      return fail("not_found", "This invite is no longer pending (used, revoked or expired). Reload the page.");
    trail.before({ email: revoked.email, role: revoked.role });
    trail.after({ revoked: true });
    revalidatePath(PAGE);
    return ok({ email: revoked.email });
  },
);

export const changeMemberRoleAction = guardedAction(
  {
    role: "admin",
    input: changeRoleSchema,
    audit: { action: "member.role", targetType: "user", targetId: (input) => input.userId },
  },
  async ({ userId, role }, user, trail) => {
    const change = await changeMember(await getDb(), { userId, role, actorId: user.id });
    if (!change.ok) return fail(change.reason === "not_found" ? "not_found" : "conflict", change.message);
    trail.before({ email: change.member.email, role: change.before });
    trail.after({ email: change.member.email, role: change.after });
    revalidatePath(PAGE);
    return ok({ name: change.member.name, role });
  },
);

/** Deletes the member and their sessions: an open browser of theirs is sent to sign in on its next request. */
export const removeMemberAction = guardedAction(
  {
    role: "admin",
    input: removeMemberSchema,
    audit: { action: "member.remove", targetType: "user", targetId: (input) => input.userId },
  },
  async ({ userId }, user, trail) => {
    const change = await changeMember(await getDb(), { userId, role: null, actorId: user.id });
    if (!change.ok) return fail(change.reason === "not_found" ? "not_found" : "conflict", change.message);
    trail.before({ email: change.member.email, name: change.member.name, role: change.before });
    trail.after(null);
    revalidatePath(PAGE);
    return ok({ name: change.member.name });
  },
);

/** Public: the invite token is the credential. It creates the account the invite names, then signs it in. */
export const acceptInvitationAction = publicAction(
  { input: acceptInviteSchema, audit: { action: "invite.accept", targetType: "invite" } },
  async (input, trail) => {
    const outcome = await acceptInvite(await getDb(), await getAuth(), input);
    if (!outcome.ok) {
      trail.target(outcome.inviteId);
      return fail(
        "conflict",
        outcome.reason === "email_taken"
          ? "An account with this email already exists. Sign in with it instead."
          : INVITE_STATE_MESSAGES[outcome.reason],
      );
    }
    await recordAudit({
      actor: outcome.user,
      action: "invite.accept",
      targetType: "invite",
      targetId: outcome.inviteId,
      after: { userId: outcome.user.id, email: outcome.user.email, name: outcome.user.name, role: outcome.user.role },
      result: "ok",
    });
    await signInWithPassword({ email: outcome.user.email, password: input.password });
    redirect("/");
  },
);
