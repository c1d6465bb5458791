/**
 * A console's data as it is after some use, for the backup tests: an admin signed in, a Novita key stored, one job
 * with one archived output. `expectSameConsoleData` opens a restored copy and finds all of it again.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { createAuth } from "@/lib/auth/auth";
import { createFirstAdmin } from "@/lib/auth/users";
import { readOrCreateSecretFile } from "@/lib/config";
import { readStoredKey, writeStoredKey } from "@/lib/custody/store";
import type { Database } from "@/lib/db/client";
import { jobs, outputBlobs, outputs } from "@/lib/db/schema";
import { blobKey, LocalOutputStore } from "@/lib/outputs/store";

const BASE_URL = "http://localhost:3000";
const EMAIL = "ada@example.com";
const PASSWORD = "correct horse battery";
export const NOVITA_KEY = "sk_backup_test_0123456789abcdef";
export const OUTPUT_BYTES = Buffer.from("\x89PNG\r\n\x1a\n not really a picture, but these exact bytes");
export const OUTPUT_SHA = createHash("sha256").update(OUTPUT_BYTES).digest("hex");

/** Fills `db` and `dataDir` (secrets, outputs); returns the admin's session cookie (`name=value`). */
export async function seedConsoleData(dataDir: string, db: Database): Promise<string> {
  const secret = readOrCreateSecretFile(dataDir, "console-secret");
  readOrCreateSecretFile(dataDir, "sandbox-api-key");
  const auth = createAuth(db, { secret, baseURL: BASE_URL });
  const admin = await createFirstAdmin(db, auth, { email: EMAIL, name: "Ada", password: PASSWORD });
  const { headers } = await auth.api.signInEmail({ body: { email: EMAIL, password: PASSWORD }, returnHeaders: true });
  await writeStoredKey(db, secret, NOVITA_KEY, admin.id);
  await db.insert(jobs).values({
    id: "job-1",
    endpointId: "ep-1",
    routeName: "run",
    status: "COMPLETED",
    finished: true,
    input: { prompt: "a lighthouse" },
    submittedBy: admin.id,
  });
  await new LocalOutputStore(path.join(dataDir, "outputs")).put(blobKey(OUTPUT_SHA), OUTPUT_BYTES);
  await db
    .insert(outputBlobs)
    .values({ sha256: OUTPUT_SHA, mime: "image/png", bytes: OUTPUT_BYTES.length, storageKey: blobKey(OUTPUT_SHA) });
  await db.insert(outputs).values({
    id: "out-1",
    jobId: "job-1",
    position: 0,
    kind: "image",
    filename: "lighthouse.png",
    sha256: OUTPUT_SHA,
    source: "base64",
    endpointId: "ep-1",
  });
  return headers
    .getSetCookie()
    .find((cookie) => /session_token=/.test(cookie))!
    .split(";")[0]!;
}

/** The restored copy has the same jobs, output bytes, secret, stored key, password and session as the original. */
export async function expectSameConsoleData(
  original: string,
  restored: string,
  db: Database,
  sessionCookie: string,
): Promise<void> {
  const secret = readFileSync(path.join(restored, "console-secret"), "utf8").trim();
  expect(secret).toBe(readFileSync(path.join(original, "console-secret"), "utf8").trim());
  const stored = await new LocalOutputStore(path.join(restored, "outputs")).get(blobKey(OUTPUT_SHA));
  expect(Buffer.from(await new Response(stored!.stream()).arrayBuffer())).toEqual(OUTPUT_BYTES);

  expect((await db.select().from(jobs)).map((job) => [job.id, job.status, job.input])).toEqual([
    ["job-1", "COMPLETED", { prompt: "a lighthouse" }],
  ]);
  expect((await db.select().from(outputs)).map((output) => [output.id, output.sha256])).toEqual([
    ["out-1", OUTPUT_SHA],
  ]);
  expect(await readStoredKey(db, secret)).toMatchObject({ state: "ok", apiKey: NOVITA_KEY });
  const auth = createAuth(db, { secret, baseURL: BASE_URL });
  const session = await auth.api.getSession({ headers: new Headers({ cookie: sessionCookie }) });
  expect(session?.user.email).toBe(EMAIL);
  const signedIn = await auth.api.signInEmail({ body: { email: EMAIL, password: PASSWORD } });
  expect(signedIn.token).toBeTruthy();
}
