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

  it.skipIf(engine === "postgres" && !process.env.TEST_DATABASE_URL)(
    "creates the first admin once, with a hashed password, and lets it sign in",
    async () => {
      const { db } = database!;
      const auth = createAuth(db, { secret: "x".repeat(40), baseURL: "http://localhost:3000" });
      expect(await countUsers(db)).toBe(0);

      const admin = await createFirstAdmin(db, auth, {
        email: " Ada@Example.com ",
        name: "Ada",
        password: "correct horse battery",
      });
      expect(admin.email).toBe("ada@example.com");

      const [row] = await db.select().from(users).where(eq(users.id, admin.id));
      expect(row?.role).toBe("admin");
      const [account] = await db.select().from(accounts).where(eq(accounts.userId, admin.id));
      expect(account?.password).toBeTruthy();
      expect(account?.password).not.toContain("correct horse");

      const signedIn = await auth.api.signInEmail({
        body: { email: "ada@example.com", password: "correct horse battery" },
      });
      expect(signedIn.token).toBeTruthy();
      await expect(
        auth.api.signInEmail({ body: { email: "ada@example.com", password: "wrong password!!" } }),
      ).rejects.toThrow(/invalid email or password/i);

      await expect(
        createFirstAdmin(db, auth, { email: "eve@example.com", name: "Eve", password: "another long one" }),
      ).rejects.toBeInstanceOf(SetupAlreadyDoneError);
      expect(
        await bootstrapAdminFromEnvironment(db, auth, { email: "boot@example.com", password: "0123456789ab" }),
      ).toBe(false);
      expect(await countUsers(db)).toBe(1);
    },
  );
});

describe.each(["pglite", "postgres"] as const)("first admin races on %s", (engine) => {
  const skip = engine === "postgres" && !process.env.TEST_DATABASE_URL;

  it.skipIf(skip)("two simultaneous setups create exactly one admin", async () => {
    const database = (await openTestDatabase(engine))!;
    try {
      const auth = createAuth(database.db, { secret: "y".repeat(40), baseURL: "http://localhost:3000" });
      const attempts = await Promise.allSettled([
        createFirstAdmin(database.db, auth, { email: "one@example.com", name: "One", password: "password number one" }),
        createFirstAdmin(database.db, auth, { email: "two@example.com", name: "Two", password: "password number two" }),
      ]);
      expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(1);
      const loser = attempts.find((attempt) => attempt.status === "rejected");
      expect(loser?.status === "rejected" && loser.reason).toBeInstanceOf(SetupAlreadyDoneError);
      expect(await countUsers(database.db)).toBe(1);
    } finally {
      await database.close();
    }
  });

  it.skipIf(skip)("ADMIN_EMAIL + ADMIN_PASSWORD create the first admin when nobody exists", async () => {
    const database = (await openTestDatabase(engine))!;
    try {
      const auth = createAuth(database.db, { secret: "z".repeat(40), baseURL: "http://localhost:3000" });
      expect(await bootstrapAdminFromEnvironment(database.db, auth, undefined)).toBe(false);
      expect(
        await bootstrapAdminFromEnvironment(database.db, auth, {
          email: "ops@example.com",
          password: "unattended 1234",
        }),
      ).toBe(true);
      const [row] = await database.db.select().from(users);
      expect(row).toMatchObject({ email: "ops@example.com", role: "admin", name: "Administrator" });
      const session = await auth.api.signInEmail({ body: { email: "ops@example.com", password: "unattended 1234" } });
      expect(session.user.id).toBe(row?.id);
    } finally {
      await database.close();
    }
  });
});
