import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/settings/tokens/create-token-form";
import { SigningSecret } from "@/components/settings/tokens/signing-secret";
import { TokensTable } from "@/components/settings/tokens/tokens-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { formatInstant, formatRelative } from "@/lib/format/time";
import { listTokens } from "@/lib/tokens/service";
import { signingSecretCreatedAt } from "@/lib/webhooks/secrets";

export const metadata: Metadata = { title: "API tokens · Settings" };

/** Every member makes tokens for their scripts; admins also see and revoke everyone's. */
export default async function TokensPage() {
  const user = await requirePageUser("viewer");
  const isAdmin = hasRole(user.role, "admin");
  const now = new Date();
  const db = await getDb();
  const tokens = await listTokens(db, isAdmin ? {} : { ownerId: user.id });
  const secretCreatedAt = await signingSecretCreatedAt(db, user.id);

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Create a token</h2>
          </CardTitle>
          <CardDescription>
            Scripts, notebooks and CI use a token instead of the team&apos;s Novita key: their jobs go through the
            console, are kept in the job list under your name and show up live. Each endpoint&apos;s API tab shows the
            calls.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CreateTokenForm ownRole={user.role} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{isAdmin ? "All tokens" : "Your tokens"}</h2>
          </CardTitle>
          <CardDescription>
            {isAdmin
              ? "Every member's tokens. Revoking one refuses it at once; removing a member removes theirs."
              : "Revoking a token refuses it at once."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <TokensTable
            showOwner={isAdmin}
            tokens={tokens.map((token) => ({
              id: token.id,
              name: token.name,
              start: token.start,
              role: token.role,
              owner: token.ownerName,
              created: formatInstant(token.createdAt),
              lastUsed: token.lastUsedAt ? formatRelative(token.lastUsedAt, now) : "Never",
              expires: !token.expiresAt
                ? "Never"
                : `${token.expiresAt < now ? "Expired " : ""}${formatInstant(token.expiresAt)}`,
            }))}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Webhook signing secret</h2>
          </CardTitle>
          <CardDescription>
            A run with a <code className="font-mono text-xs">webhook</code> URL gets the job&apos;s final status as a
            POST signed with your secret (Standard Webhooks headers), so your receiver can tell it came from the
            console. Each member has one; it is shown once.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <SigningSecret created={secretCreatedAt ? formatInstant(secretCreatedAt) : null} />
        </CardContent>
      </Card>
    </div>
  );
}
