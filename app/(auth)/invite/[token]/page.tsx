import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/lib/db/client";
import { lookUpInvite } from "@/lib/team/invites";
import { INVITE_STATE_MESSAGES } from "@/lib/team/rules";

export const metadata: Metadata = { title: "Join the console", referrer: "no-referrer" };

const TITLES = {
  used: "Invite already used",
  revoked: "Invite revoked",
  expired: "Invite expired",
  unknown: "Invite not valid",
} as const;

/** Public: the token in the path is the credential. A signed-in visitor may still accept (e.g. on a shared machine). */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await lookUpInvite(await getDb(), token);
  if (invite.state !== "pending") {
    return (
      <Card>
        <CardHeader>
          <CardTitle>
            <h1 className="text-xl">{TITLES[invite.state]}</h1>
          </CardTitle>
          <CardDescription role="alert">{INVITE_STATE_MESSAGES[invite.state]}</CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild variant="outline">
            <Link href="/login">Go to sign in</Link>
          </Button>
        </CardContent>
      </Card>
    );
  }
  return <AcceptInviteForm token={token} email={invite.email} role={invite.role} />;
}
