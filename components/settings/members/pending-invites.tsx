"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { revokeMemberInviteAction } from "@/lib/team/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";

export interface PendingInviteRow {
  id: string;
  email: string;
  role: string;
  createdBy: string | null;
  expires: string;
}

export function PendingInvites({ invites }: { invites: PendingInviteRow[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  if (invites.length === 0) return <p className="text-sm text-muted-foreground">No pending invites.</p>;

  const revoke = (invite: PendingInviteRow) =>
    startTransition(async () => {
      try {
        const result = await revokeMemberInviteAction({ id: invite.id });
        if (!result.ok) toast.error(result.error.message);
        else toast.success(`Revoked the invite for ${invite.email}.`);
      } catch {
        toast.error("The server refused the change or could not be reached. Reload the page and try again.");
      }
      router.refresh();
    });

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
                disabled={pending}
                aria-label={`Revoke the invite for ${invite.email}`}
                onClick={() => revoke(invite)}
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
