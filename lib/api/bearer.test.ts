import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAuth, type Auth } from "@/lib/auth/auth";
import { createUserWithPassword } from "@/lib/auth/users";
import { apiTokens, users } from "@/lib/db/schema";
import { changeMember } from "@/lib/team/members";
import { createToken, revokeToken } from "@/lib/tokens/service";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { presentedToken, TOKEN_RECHECK_MS, TOKEN_REVERIFY_MS, verifiedTokenCaller } from "./bearer";

describe("presentedToken", () => {
  const withHeaders = (headers: Record<string, string>) => presentedToken(new Request("http://x", { headers }));
  it("reads Bearer <token>, the bare token (RunPod's header) and x-api-key", () => {
    expect(withHeaders({ authorization: "Bearer nvc_abc" })).toBe("nvc_abc");
    expect(withHeaders({ authorization: "nvc_abc" })).toBe("nvc_abc");
    expect(withHeaders({ "x-api-key": "nvc_abc" })).toBe("nvc_abc");
    expect(withHeaders({})).toBeNull();
  });
});

describe("verifiedTokenCaller", () => {
  let database: TestDatabase;
  let auth: Auth;
  beforeAll(async () => {
    database = (await openTestDatabase("pglite"))!;
    auth = createAuth(database.db, { secret: "x".repeat(40), baseURL: "http://localhost:3000" });
  });
  afterAll(() => database.close());

  async function tokenOf(email: string) {
    const user = await createUserWithPassword(auth, {
      email,
      name: email,
      password: "long password 1",
      role: "operator",
    });
    const owner = { id: user.id, name: email, email, role: "operator" as const };
    return { owner, key: (await createToken(auth, owner, { name: "ci", role: "operator", expires: "30" })).key };
  }

  it("verifies through better-auth once per interval and answers the same caller in between", async () => {
    const { owner, key } = await tokenOf("ada@example.com");
    const verify = vi.spyOn(auth.api, "verifyApiKey");
    const first = await verifiedTokenCaller(database.db, auth, key, 1_000);
    const again = await verifiedTokenCaller(database.db, auth, key, 1_000 + TOKEN_REVERIFY_MS - 1);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(again).toEqual(first);
    expect(first?.user).toMatchObject({ id: owner.id, role: "operator" });
    await verifiedTokenCaller(database.db, auth, key, 1_000 + TOKEN_REVERIFY_MS);
    expect(verify).toHaveBeenCalledTimes(2);
    expect(await verifiedTokenCaller(database.db, auth, `${key}x`)).toBeNull();
    verify.mockRestore();
  });

  it("callers due together share one verification", async () => {
    const { key } = await tokenOf("flo@example.com");
    const verify = vi.spyOn(auth.api, "verifyApiKey");
    const callers = await Promise.all(
      Array.from({ length: 20 }, () => verifiedTokenCaller(database.db, auth, key, 5_000)),
    );
    expect(verify).toHaveBeenCalledTimes(1);
    expect(new Set(callers.map((caller) => caller?.token.id)).size).toBe(1);
    verify.mockRestore();
  });

  it("refuses a token revoked, disabled or expired, or whose owner was demoted or removed", async () => {
    const now = Date.now();
    const step = TOKEN_RECHECK_MS;
    // Revoked through the console on this replica: refused at once.
    const revoked = await tokenOf("bo@example.com");
    expect(await verifiedTokenCaller(database.db, auth, revoked.key, now)).not.toBeNull();
    const [row] = await database.db.select().from(apiTokens).where(eq(apiTokens.referenceId, revoked.owner.id));
    await revokeToken(database.db, revoked.owner, row!.id);
    expect(await verifiedTokenCaller(database.db, auth, revoked.key, now + 1)).toBeNull();

    // Changed in the database by another replica: counted once this replica's last read is TOKEN_RECHECK_MS old.
    const changed = await tokenOf("cy@example.com");
    expect(await verifiedTokenCaller(database.db, auth, changed.key, now)).not.toBeNull();
    expect(await verifiedTokenCaller(database.db, auth, changed.key, now + 1)).not.toBeNull(); // the read
    await database.db.update(users).set({ role: "viewer" }).where(eq(users.id, changed.owner.id));
    expect((await verifiedTokenCaller(database.db, auth, changed.key, now + 2))?.user.role).toBe("operator");
    expect((await verifiedTokenCaller(database.db, auth, changed.key, now + 1 + step))?.user.role).toBe("viewer");
    const owned = eq(apiTokens.referenceId, changed.owner.id);
    await database.db.update(apiTokens).set({ enabled: false }).where(owned);
    expect(await verifiedTokenCaller(database.db, auth, changed.key, now + 1 + 2 * step)).toBeNull();
    await database.db
      .update(apiTokens)
      .set({ enabled: true, expiresAt: new Date(now + 30_000) })
      .where(owned);
    expect(await verifiedTokenCaller(database.db, auth, changed.key, now + 1 + 3 * step)).not.toBeNull();
    // Past its expiry the token is refused.
    expect(await verifiedTokenCaller(database.db, auth, changed.key, now + 30_001)).toBeNull();

    const removed = await tokenOf("dee@example.com");
    expect(await verifiedTokenCaller(database.db, auth, removed.key, now)).not.toBeNull();
    await database.db.delete(users).where(eq(users.id, removed.owner.id));
    expect(await verifiedTokenCaller(database.db, auth, removed.key, now + step)).toBeNull();
  });

  it("a member demoted or removed through the console is re-checked at once on this replica", async () => {
    const now = Date.now();
    const { owner, key } = await tokenOf("eve@example.com");
    expect((await verifiedTokenCaller(database.db, auth, key, now))?.user.role).toBe("operator");
    await changeMember(database.db, { userId: owner.id, role: "viewer", actorId: "someone-else" });
    expect((await verifiedTokenCaller(database.db, auth, key, now + 1))?.user.role).toBe("viewer");
    await changeMember(database.db, { userId: owner.id, role: null, actorId: "someone-else" });
    expect(await verifiedTokenCaller(database.db, auth, key, now + 2)).toBeNull();
  });
});
