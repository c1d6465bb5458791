"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";
import { useAction } from "@/lib/hooks/use-action";
import { revokeTokenAction } from "@/lib/tokens/actions";

/** A token row as the page prepares it: times already formatted, never the key. */
export interface TokenRow {
  id: string;
  name: string;
  start: string;
  role: string;
  owner: string;
  created: string;
  lastUsed: string;
  expires: string;
}

/** The tokens list with Revoke (after a confirmation); `showOwner` for the admin's view of everyone's tokens. */
export function TokensTable({ tokens, showOwner }: { tokens: TokenRow[]; showOwner: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<TokenRow | null>(null);
  const revoke = useAction(revokeTokenAction, {
    onSuccess: (token) => {
      toast.success(`Revoked “${token.name}”: it is refused from now on.`);
      setConfirming(null);
      router.refresh();
    },
    onError: (error) => toast.error(error.message),
  });
  if (tokens.length === 0) return <p className="text-sm text-muted-foreground">No tokens yet.</p>;

  return (
    <>
      <Table aria-label="API tokens">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Role</TableHead>
            {showOwner ? <TableHead className="hidden md:table-cell">Owner</TableHead> : null}
            <TableHead className="hidden lg:table-cell">Created</TableHead>
            <TableHead className="hidden sm:table-cell">Last used</TableHead>
            <TableHead className="hidden md:table-cell">Expires</TableHead>
            <TableHead className="text-right">Actions</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {tokens.map((token) => (
            <TableRow key={token.id}>
              <TableCell className="max-w-[16rem] whitespace-normal">
                <span className="font-medium [overflow-wrap:anywhere]">{token.name}</span>
                <span className="block font-mono text-xs text-muted-foreground">{token.start}…</span>
              </TableCell>
              <TableCell>
                <Badge variant="secondary" className="capitalize">
                  {token.role}
                </Badge>
              </TableCell>
              {showOwner ? <TableCell className="hidden md:table-cell">{token.owner}</TableCell> : null}
              <TableCell className="hidden text-muted-foreground lg:table-cell">{token.created}</TableCell>
              <TableCell className="hidden text-muted-foreground sm:table-cell">{token.lastUsed}</TableCell>
              <TableCell className="hidden text-muted-foreground md:table-cell">{token.expires}</TableCell>
              <TableCell className="text-right">
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Revoke the token ${token.name}`}
                  onClick={() => setConfirming(token)}
                >
                  Revoke
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(open) => (open ? undefined : setConfirming(null))}
        title={`Revoke “${confirming?.name ?? ""}”?`}
        description="Scripts using it are refused on their next request. Jobs it sent stay in the job list."
        cancelLabel="Keep it"
        cancelDisabled={revoke.pending}
        confirmLabel="Revoke token"
        confirmVariant="destructive"
        pending={revoke.pending}
        onConfirm={() => confirming && void revoke.run({ id: confirming.id })}
      />
    </>
  );
}
