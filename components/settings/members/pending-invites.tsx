"use client";

import { revokeMemberInviteAction } from "@/lib/team/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTeamChange } from "./use-team-change";

export interface PendingInviteRow {
  id: string;
  email: string;
  role: string;
  createdBy: string | null;
  expires: string;
}

/** Invites not used yet, each with Revoke (admins). */
export function PendingInvites({ invites }: { invites: PendingInviteRow[] }) {
  const revoke = useTeamChange(
    (invite: PendingInviteRow) => revokeMemberInviteAction({ id: invite.id }),
    (invite) => `Revoked the invite for ${invite.email}.`,
  );
  if (invites.length === 0) return <p className="text-sm text-muted-foreground">No pending invites.</p>;

  return (
    <Table aria-label="Pending invites">
      <TableHeader>
        <TableRow>
          <TableHead>Email</TableHead>
          <TableHead>Role</TableHead>
          <TableHead className="hidden md:table-cell">Invited by</TableHead>
          <TableHead className="hidden sm:table-cell">Expires</TableHead>
          <TableHead className="text-right">Actions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {invites.map((invite) => (
          <TableRow key={invite.id}>
            <TableCell className="max-w-[16rem] [overflow-wrap:anywhere] whitespace-normal">{invite.email}</TableCell>
            <TableCell>
              <Badge variant="secondary" className="capitalize">
                {invite.role}
              </Badge>
            </TableCell>
            <TableCell className="hidden md:table-cell">{invite.createdBy ?? "—"}</TableCell>
            <TableCell className="hidden text-muted-foreground sm:table-cell">{invite.expires}</TableCell>
            <TableCell className="text-right">
              <Button
                variant="ghost"
                size="sm"
                disabled={revoke.pending}
                aria-label={`Revoke the invite for ${invite.email}`}
                onClick={() => void revoke.run(invite)}
              >
                Revoke
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
