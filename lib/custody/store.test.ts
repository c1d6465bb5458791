import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { settings } from "@/lib/db/schema";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { deleteStoredKey, readStoredKey, STORED_KEY_SETTING, writeStoredKey } from "./store";

const SECRET = "c".repeat(64);
const KEY = "sk_stored_key_fedcba9876543210LAST";

describe.each(["pglite", "postgres"] as const)("stored Novita key (%s)", (engine) => {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("stores the key sealed, reads it back, and removes it", async (context) => {
    if (!database) return context.skip();
    const { db } = database;
    expect(await readStoredKey(db, SECRET)).toEqual({ state: "none" });
    const info = await writeStoredKey(db, SECRET, KEY, "admin@example.com");
    expect(info.fingerprint).toBe("sk_…LAST");
    const [row] = await db.select().from(settings).where(eq(settings.key, STORED_KEY_SETTING));
    expect(row?.value).not.toContain(KEY);
    expect(row?.value).not.toContain("fedcba9876543210");
    expect(await readStoredKey(db, SECRET)).toMatchObject({
      state: "ok",
      apiKey: KEY,
      fingerprint: "sk_…LAST",
      savedBy: "admin@example.com",
    });

    await writeStoredKey(db, SECRET, "sk_rotated_key_000000000000NEW1", "admin@example.com");
    expect(await readStoredKey(db, SECRET)).toMatchObject({ state: "ok", apiKey: "sk_rotated_key_000000000000NEW1" });

    expect(await readStoredKey(db, "d".repeat(64))).toMatchObject({ state: "unreadable", fingerprint: "sk_…NEW1" });
    expect(await deleteStoredKey(db)).toBe(true);
    expect(await deleteStoredKey(db)).toBe(false);
    expect(await readStoredKey(db, SECRET)).toEqual({ state: "none" });
  });
});
