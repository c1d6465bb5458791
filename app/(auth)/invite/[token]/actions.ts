"use server";

import { redirect } from "next/navigation";
import { fieldErrors } from "@/lib/actions/define";
import { fail, type ActionResult } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { getAuth } from "@/lib/auth/auth";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db/client";
import { acceptInvite } from "@/lib/team/invites";
import { INVITE_STATE_MESSAGES } from "@/lib/team/rules";
import { acceptInviteSchema, type AcceptInviteInput } from "@/lib/team/schemas";

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
