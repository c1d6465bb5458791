import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth, type Auth } from "@/lib/auth/auth";
import { createUserWithPassword } from "@/lib/auth/users";
import { apiTokens, users } from "@/lib/db/schema";
import { ConsoleError } from "@/lib/errors";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { authenticateToken, cappedRole, createToken, listTokens, revokeToken } from "./service";

describe("cappedRole", () => {
  it("is the lower of the token's and the owner's role", () => {
    expect(cappedRole("admin", "operator")).toBe("operator");
    expect(cappedRole("viewer", "admin")).toBe("viewer");
    expect(cappedRole("operator", "operator")).toBe("operator");
  });
});

describe.each(["pglite", "postgres"] as const)("token lifecycle on %s", (engine) => {
  let database: TestDatabase | undefined;
  let auth: Auth;
  const skip = engine === "postgres" && !process.env.TEST_DATABASE_URL;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    if (database) auth = createAuth(database.db, { secret: "x".repeat(40), baseURL: "http://localhost:3000" });
  });
  afterAll(async () => {
    await database?.close();
  });

  async function member(email: string, role: "viewer" | "operator" | "admin") {
    const user = await createUserWithPassword(auth, { email, name: email, password: "long password 1", role });
    return { id: user.id, name: email, email, role };
  }

  it.skipIf(skip)("creates a token shown once, stores only its hash, authenticates and revokes it", async () => {
    const { db } = database!;
    const ada = await member(`ada-${engine}@example.com`, "operator");
    const token = await createToken(auth, ada, { name: "ci", role: "operator", expires: "30" });
    expect(token.key).toMatch(/^nvc_/);
    expect(token.start.length).toBeGreaterThan(4);
    expect(token.key.startsWith(token.start)).toBe(true);

    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row?.key).not.toBe(token.key);
    expect(JSON.stringify(row)).not.toContain(token.key);

    const caller = await authenticateToken(db, auth, token.key);
    expect(caller?.user.id).toBe(ada.id);
    expect(caller?.user.role).toBe("operator");
    expect(caller?.token.name).toBe("ci");
    expect(await authenticateToken(db, auth, `${token.key}x`)).toBeNull();
    expect(await authenticateToken(db, auth, "sk_not_a_console_token")).toBeNull();

    const [listed] = await listTokens(db, { ownerId: ada.id });
    expect(listed).toMatchObject({ name: "ci", role: "operator", ownerId: ada.id });
    expect(listed?.lastUsedAt).not.toBeNull();
    expect(listed?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    await revokeToken(db, ada, token.id);
    expect(await authenticateToken(db, auth, token.key)).toBeNull();
    expect(await listTokens(db, { ownerId: ada.id })).toEqual([]);
  });

  it.skipIf(skip)(
    "refuses a role above the owner's and caps a token when the owner is demoted or removed",
    async () => {
      const { db } = database!;
      const bo = await member(`bo-${engine}@example.com`, "operator");
      await expect(createToken(auth, bo, { name: "too high", role: "admin", expires: "never" })).rejects.toThrow(
        ConsoleError,
      );
      const token = await createToken(auth, bo, { name: "sender", role: "operator", expires: "never" });
      await db.update(users).set({ role: "viewer" }).where(eq(users.id, bo.id));
      expect((await authenticateToken(db, auth, token.key))?.user.role).toBe("viewer");
      await db.delete(users).where(eq(users.id, bo.id));
      expect(await authenticateToken(db, auth, token.key)).toBeNull();
    },
  );

  it.skipIf(skip)("lets an admin revoke anyone's token, and nobody else's but their own", async () => {
    const { db } = database!;
    const admin = await member(`root-${engine}@example.com`, "admin");
    const cy = await member(`cy-${engine}@example.com`, "viewer");
    const dee = await member(`dee-${engine}@example.com`, "viewer");
    const token = await createToken(auth, cy, { name: "notebook", role: "viewer", expires: "7" });
    await expect(revokeToken(db, dee, token.id)).rejects.toThrow(/no longer exists/);
    expect((await listTokens(db, {})).some((listed) => listed.id === token.id)).toBe(true);
    await revokeToken(db, admin, token.id);
    expect(await authenticateToken(db, auth, token.key)).toBeNull();
  });

  it.skipIf(skip)("refuses an expired token", async () => {
    const { db } = database!;
    const ed = await member(`ed-${engine}@example.com`, "viewer");
    const token = await createToken(auth, ed, { name: "old", role: "viewer", expires: "7" });
    await db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, token.id));
    expect(await authenticateToken(db, auth, token.key)).toBeNull();
  });
});
