/**
 * The Novita key an admin stored in Settings: one `settings` row holding the sealed key, its fingerprint and who
 * saved it when. The plain key leaves this module only towards the Novita client (lib/connection).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { settings } from "@/lib/db/schema";
import { keyFingerprint, openSealedSecret, sealSecret, UnreadableSecretError } from "./cipher";

export const STORED_KEY_SETTING = "novita.api-key";
const PURPOSE = "novita-api-key";

const storedRowSchema = z.object({
  sealed: z.string(),
  fingerprint: z.string(),
  savedAt: z.string(),
  savedBy: z.string().nullable(),
});

/** What may be shown about the stored key: never the key. */
export interface StoredKeyInfo {
  fingerprint: string;
  savedAt: string;
  savedBy: string | null;
}

export type StoredKey =
  | { state: "none" }
  | ({ state: "ok"; apiKey: string } & StoredKeyInfo)
  /** Sealed with another CONSOLE_SECRET (or damaged): unusable until pasted again or removed. */
  | ({ state: "unreadable" } & StoredKeyInfo);

export async function readStoredKey(db: Database, consoleSecret: string): Promise<StoredKey> {
  const [row] = await db.select().from(settings).where(eq(settings.key, STORED_KEY_SETTING));
  if (!row) return { state: "none" };
  let parsed: z.infer<typeof storedRowSchema>;
  try {
    parsed = storedRowSchema.parse(JSON.parse(row.value));
  } catch {
    return { state: "unreadable", fingerprint: "unknown", savedAt: row.updatedAt.toISOString(), savedBy: null };
  }
  const info = { fingerprint: parsed.fingerprint, savedAt: parsed.savedAt, savedBy: parsed.savedBy };
  try {
    return { state: "ok", apiKey: openSealedSecret(parsed.sealed, consoleSecret, PURPOSE), ...info };
  } catch (error) {
    if (error instanceof UnreadableSecretError) return { state: "unreadable", ...info };
    throw error;
  }
}

export async function writeStoredKey(
  db: Database,
  consoleSecret: string,
  apiKey: string,
  savedBy: string | null,
): Promise<StoredKeyInfo> {
  const info: StoredKeyInfo = { fingerprint: keyFingerprint(apiKey), savedAt: new Date().toISOString(), savedBy };
  const value = JSON.stringify({ sealed: sealSecret(apiKey, consoleSecret, PURPOSE), ...info });
  await db
    .insert(settings)
    .values({ key: STORED_KEY_SETTING, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  return info;
}

export async function deleteStoredKey(db: Database): Promise<boolean> {
  const deleted = await db
    .delete(settings)
    .where(eq(settings.key, STORED_KEY_SETTING))
    .returning({ key: settings.key });
  return deleted.length > 0;
}
