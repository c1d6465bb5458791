import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { accounts, users } from "@/lib/db/schema";
import { createAuth } from "./auth";
import { bootstrapAdminFromEnvironment, countUsers, createFirstAdmin, SetupAlreadyDoneError } from "./users";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";

describe.each(["pglite", "postgres"] as const)("users on %s", (engine) => {
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.close();
  });

  it.skipIf(engine === "postgres" && !process.env.TEST_DATABASE_URL)("creates the first admin once, with a hashed password, and lets it sign in", async () => {
    const { db } = database!;
    const auth = createAuth(db, { secret: "x".repeat(40), baseURL: "http://localhost:3000" });
    expect(await countUsers(db)).toBe(0);

    const admin = await createFirstAdmin(db, auth, { email: " Ada@Example.com ", name: "Ada", password: "correct horse battery" });
    expect(admin.email).toBe("ada@example.com");

    const [row] = await db.select().from(users).where(eq(users.id, admin.id));
    expect(row?.role).toBe("admin");
    const [account] = await db.select().from(accounts).where(eq(accounts.userId, admin.id));
    expect(account?.password).toBeTruthy();
    expect(account?.password).not.toContain("correct horse");

    const signedIn = await auth.api.signInEmail({ body: { email: "ada@example.com", password: "correct horse battery" } });
    expect(signedIn.token).toBeTruthy();
    await expect(
      auth.api.signInEmail({ body: { email: "ada@example.com", password: "wrong password!!" } }),
    ).rejects.toThrow(/invalid email or password/i);

    await expect(
      createFirstAdmin(db, auth, { email: "eve@example.com", name: "Eve", password: "another long one" }),
    ).rejects.toBeInstanceOf(SetupAlreadyDoneError);
    expect(await bootstrapAdminFromEnvironment(db, auth, { email: "boot@example.com", password: "0123456789ab" })).toBe(false);
    expect(await countUsers(db)).toBe(1);
  });
});
