"use client";

import { Trash2 } from "lucide-react";
import { useState } from "react";
import { changeMemberRoleAction, removeMemberAction } from "@/lib/team/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ROLES, type Role } from "@/lib/auth/roles";
import { useTeamChange } from "./use-team-change";

export interface MemberRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  joined: string;
  joinedExact: string;
  lastActive: string;
  lastActiveExact?: string;
}

/** The team with each role (admins change it inline) and Remove, which asks first. */
export function MembersTable({
  members,
  canManage,
  currentUserId,
}: {
  members: MemberRow[];
  canManage: boolean;
  currentUserId: string;
}) {
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const roleChange = useTeamChange(
    ({ member, role }: { member: MemberRow; role: Role }) => changeMemberRoleAction({ userId: member.id, role }),
    ({ member, role }) => `${member.name} is now ${/^[aeiou]/.test(role) ? "an" : "a"} ${role}.`,
  );
  const removal = useTeamChange(
    (member: MemberRow) => removeMemberAction({ userId: member.id }),
    (member) => `Removed ${member.name}. Their sessions have ended.`,
  );
  const pending = roleChange.pending || removal.pending;
  const confirmRemove = async () => {
    if (!removing) return;
    await removal.run(removing);
    setRemoving(null);
  };

  return (
    <>
      <Table aria-label="Members">
        <TableHeader>
          <TableRow>
            <TableHead>Member</TableHead>
            <TableHead>Role</TableHead>
            <TableHead className="hidden md:table-cell">Joined</TableHead>
            <TableHead className="hidden sm:table-cell">Last active</TableHead>
            {canManage ? (
              <TableHead className="text-right">
                <span className="sr-only sm:not-sr-only">Actions</span>
              </TableHead>
            ) : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {members.map((member) => (
            <TableRow key={member.id}>
              <TableCell className="max-w-[16rem] [overflow-wrap:anywhere] whitespace-normal">
                <div className="font-medium">
                  {member.name}
                  {member.id === currentUserId ? (
                    <span className="ml-1 text-xs font-normal text-muted-foreground">(you)</span>
                  ) : null}
                </div>
                <div className="text-xs text-muted-foreground">{member.email}</div>
              </TableCell>
              <TableCell>
                {canManage ? (
                  <NativeSelect
                    aria-label={`Role of ${member.name}`}
                    className="w-[6.5rem]"
                    value={member.role}
                    disabled={pending}
                    onChange={(event) => void roleChange.run({ member, role: event.target.value as Role })}
                  >
                    {[...ROLES].reverse().map((role) => (
                      <option key={role} value={role}>
                        {role[0]!.toUpperCase() + role.slice(1)}
                      </option>
                    ))}
                  </NativeSelect>
                ) : (
                  <Badge variant={member.role === "admin" ? "default" : "secondary"} className="capitalize">
                    {member.role}
                  </Badge>
                )}
              </TableCell>
              <TableCell className="hidden md:table-cell" title={member.joinedExact}>
                {member.joined}
              </TableCell>
              <TableCell className="hidden text-muted-foreground sm:table-cell" title={member.lastActiveExact}>
                {member.lastActive}
              </TableCell>
              {canManage ? (
                <TableCell className="text-right">
                  {member.id === currentUserId ? null : (
                    <Button
                      variant="ghost"
                      size="sm"
                      className="text-destructive hover:text-destructive"
                      disabled={pending}
                      aria-label={`Remove ${member.name}`}
                      onClick={() => setRemoving(member)}
                    >
                      <Trash2 aria-hidden />
                      <span className="hidden sm:inline">Remove</span>
                    </Button>
                  )}
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => (open ? undefined : setRemoving(null))}
        title={`Remove ${removing?.name ?? ""}?`}
        description={
          `${removing?.email ?? ""} loses access at once: their open sessions end and their next click lands on the ` +
          "sign-in page. Jobs they sent stay in the history. To let them back in, invite them again."
        }
        confirmLabel="Remove member"
        confirmVariant="destructive"
        onConfirm={() => void confirmRemove()}
        pending={pending}
      />
    </>
  );
}
