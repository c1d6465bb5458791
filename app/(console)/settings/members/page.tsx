import type { Metadata } from "next";
import { formatDay, formatInstant, formatRelative } from "@/lib/format/time";
import { InviteForm } from "@/components/settings/members/invite-form";
import { MembersTable } from "@/components/settings/members/members-table";
import { PendingInvites } from "@/components/settings/members/pending-invites";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { listPendingInvites } from "@/lib/team/invites";
import { listMembers } from "@/lib/team/members";

export const metadata: Metadata = { title: "Members · Settings" };

/** Everyone sees who is on the team (and whom to ask); only admins invite, change roles and remove. */
export default async function MembersPage() {
  const user = await requirePageUser("viewer");
  const canManage = hasRole(user.role, "admin");
  const db = await getDb();
  const now = new Date();
  const [members, invites] = await Promise.all([
    listMembers(db),
    canManage ? listPendingInvites(db, now) : Promise.resolve([]),
  ]);

  return (
    <div className="grid gap-6">
      {canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Invite a member</h2>
            </CardTitle>
            <CardDescription>
              The console makes a single-use link that works for 7 days. Send it to them yourself (chat, mail): no mail
              server is needed.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <InviteForm />
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Members</h2>
          </CardTitle>
          <CardDescription>
            {canManage
              ? "Change a role or remove a member; a removed member is signed out at once."
              : "Only administrators can invite, change roles or remove members."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <MembersTable
            canManage={canManage}
            currentUserId={user.id}
            members={members.map((member) => ({
              id: member.id,
              name: member.name,
              email: member.email,
              role: member.role,
              joined: formatDay(member.joinedAt),
              joinedExact: formatInstant(member.joinedAt),
              lastActive: member.lastActiveAt ? formatRelative(member.lastActiveAt, now) : "No open session",
              lastActiveExact: member.lastActiveAt ? formatInstant(member.lastActiveAt) : undefined,
            }))}
          />
        </CardContent>
      </Card>
      {canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Pending invites</h2>
            </CardTitle>
            <CardDescription>Links not used yet. Revoking one makes it worthless at once.</CardDescription>
          </CardHeader>
          <CardContent>
            <PendingInvites
              invites={invites.map((invite) => ({
                id: invite.id,
                email: invite.email,
                role: invite.role,
                createdBy: invite.createdByName,
                expires: formatInstant(invite.expiresAt),
              }))}
            />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
