/**
 * Each member's webhook signing secret, sealed at rest with CONSOLE_SECRET (lib/custody/cipher.ts). The plain
 * secret leaves this module twice only: once towards the person who made it, and towards the signer.
 */
import { eq } from "drizzle-orm";
import { openSealedSecret, sealSecret } from "@/lib/custody/cipher";
import type { Database } from "@/lib/db/client";
import { webhookSecrets } from "@/lib/db/schema";
import { generateSigningSecret } from "./signature";

const PURPOSE = "webhook-signing-secret";

/** Makes (or replaces) the member's secret; returns it once, with its date. Deliveries from now on use it. */
export async function rotateSigningSecret(db: Database, consoleSecret: string, userId: string) {
  const secret = generateSigningSecret();
  const createdAt = new Date();
  const secretCiphertext = sealSecret(secret, consoleSecret, PURPOSE);
  await db
    .insert(webhookSecrets)
    .values({ userId, secretCiphertext, createdAt })
    .onConflictDoUpdate({ target: webhookSecrets.userId, set: { secretCiphertext, createdAt } });
  return { secret, createdAt };
}

/** When the member's secret was made, or null when they have none: all that may be shown of it. */
export async function signingSecretCreatedAt(db: Database, userId: string): Promise<Date | null> {
  const [row] = await db
    .select({ createdAt: webhookSecrets.createdAt })
    .from(webhookSecrets)
    .where(eq(webhookSecrets.userId, userId));
  return row?.createdAt ?? null;
}

/** The member's secret, for signing; undefined when they have none. Throws when CONSOLE_SECRET changed. */
export async function readSigningSecret(db: Database, consoleSecret: string, userId: string) {
  const [row] = await db.select().from(webhookSecrets).where(eq(webhookSecrets.userId, userId));
  return row ? openSealedSecret(row.secretCiphertext, consoleSecret, PURPOSE) : undefined;
}
