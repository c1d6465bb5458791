import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createAuth, type Auth } from "@/lib/auth/auth";
import { createFirstAdmin } from "@/lib/auth/users";
import { invites, sessions, users } from "@/lib/db/schema";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import {
  acceptInvite,
  createInvite,
  InviteRefusedError,
  listPendingInvites,
  lookUpInvite,
  revokeInvite,
} from "./invites";
import { changeMember, countAdmins, listMembers } from "./members";
import { INVITE_LIFETIME_MS, LAST_ADMIN_MESSAGE } from "./rules";
import { hashInviteToken } from "./tokens";

describe.each(["pglite", "postgres"] as const)("members and invites on %s", (engine) => {
  const skip = engine === "postgres" && !process.env.TEST_DATABASE_URL;
  let database: TestDatabase | undefined;
  let auth: Auth;
  let adminId: string;

  beforeAll(async () => {
    if (skip) return;
    database = await openTestDatabase(engine);
    auth = createAuth(database!.db, { secret: "t".repeat(40), baseURL: "http://localhost:3000" });
    adminId = (
      await createFirstAdmin(database!.db, auth, {
        email: "ada@example.com",
        name: "Ada",
        password: "correct horse battery",
      })
    ).id;
  });
  afterAll(async () => {
    await database?.close();
  });

  it.skipIf(skip)(
    "an invite stores only the token's hash, works once, and creates the account with its role",
    async () => {
      const { db } = database!;
      const invite = await createInvite(db, { email: "otto@example.com", role: "operator", createdBy: adminId });
      const [row] = await db.select().from(invites).where(eq(invites.id, invite.id));
      expect(row?.tokenHash).toBe(hashInviteToken(invite.token));
      expect(JSON.stringify(row)).not.toContain(invite.token);
      expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(INVITE_LIFETIME_MS);
      expect((await listPendingInvites(db)).map((pending) => pending.email)).toContain("otto@example.com");

      const accepted = await acceptInvite(db, auth, {
        token: invite.token,
        name: "Otto",
        password: "operator password 1",
      });
      expect(accepted).toMatchObject({ ok: true, user: { email: "otto@example.com", role: "operator", name: "Otto" } });
      const signedIn = await auth.api.signInEmail({
        body: { email: "otto@example.com", password: "operator password 1" },
      });
      expect(signedIn.user.id).toBe(accepted.ok && accepted.user.id);

      expect(
        await acceptInvite(db, auth, { token: invite.token, name: "Mallory", password: "another password" }),
      ).toMatchObject({ ok: false, reason: "used" });
      expect((await lookUpInvite(db, invite.token)).state).toBe("used");
      expect(await lookUpInvite(db, "not-a-token")).toEqual({ state: "unknown" });
      await expect(
        createInvite(db, { email: "otto@example.com", role: "viewer", createdBy: adminId }),
      ).rejects.toBeInstanceOf(InviteRefusedError);
    },
  );

  it.skipIf(skip)("a revoked or expired invite creates nothing; a newer invite replaces an older one", async () => {
    const { db } = database!;
    const first = await createInvite(db, { email: "vera@example.com", role: "viewer", createdBy: adminId });
    const second = await createInvite(db, { email: "vera@example.com", role: "viewer", createdBy: adminId });
    expect(second.replaced).toBe(1);
    expect(
      await acceptInvite(db, auth, { token: first.token, name: "Vera", password: "viewer password 1" }),
    ).toMatchObject({ ok: false, reason: "revoked" });

    expect(await revokeInvite(db, second.id)).toMatchObject({ email: "vera@example.com" });
    expect(await revokeInvite(db, second.id)).toBeNull();
    expect(
      await acceptInvite(db, auth, { token: second.token, name: "Vera", password: "viewer password 1" }),
    ).toMatchObject({ ok: false, reason: "revoked" });

    const old = await createInvite(
      db,
      { email: "vera@example.com", role: "viewer", createdBy: adminId },
      new Date(Date.now() - INVITE_LIFETIME_MS - 1000),
    );
    expect(
      await acceptInvite(db, auth, { token: old.token, name: "Vera", password: "viewer password 1" }),
    ).toMatchObject({ ok: false, reason: "expired" });
    expect(await db.select().from(users).where(eq(users.email, "vera@example.com"))).toHaveLength(0);
  });

  it.skipIf(skip)("two submissions of one link create one account", async () => {
    const { db } = database!;
    const invite = await createInvite(db, { email: "twice@example.com", role: "viewer", createdBy: adminId });
    const results = await Promise.all([
      acceptInvite(db, auth, { token: invite.token, name: "One", password: "first password" }),
      acceptInvite(db, auth, { token: invite.token, name: "Two", password: "second password" }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await db.select().from(users).where(eq(users.email, "twice@example.com"))).toHaveLength(1);
  });

  it.skipIf(skip)(
    "the last admin can be neither demoted nor removed; others can, and removal ends their sessions",
    async () => {
      const { db } = database!;
      expect(await countAdmins(db)).toBe(1);
      expect(await changeMember(db, { userId: adminId, role: "operator", actorId: adminId })).toEqual({
        ok: false,
        reason: "last_admin",
        message: LAST_ADMIN_MESSAGE,
      });
      expect(await changeMember(db, { userId: adminId, role: null, actorId: adminId })).toMatchObject({
        ok: false,
        reason: "last_admin",
      });

      const otto = (await listMembers(db)).find((member) => member.email === "otto@example.com")!;
      expect(otto.lastActiveAt).toBeInstanceOf(Date);
      expect(await changeMember(db, { userId: otto.id, role: "admin", actorId: adminId })).toMatchObject({
        ok: true,
        before: "operator",
        after: "admin",
      });
      // Two admins now: Ada may step down, then Otto is the last one.
      expect(await changeMember(db, { userId: adminId, role: "operator", actorId: adminId })).toMatchObject({
        ok: true,
      });
      expect(await changeMember(db, { userId: otto.id, role: "viewer", actorId: otto.id })).toMatchObject({
        ok: false,
        reason: "last_admin",
      });
      expect(await changeMember(db, { userId: adminId, role: "admin", actorId: otto.id })).toMatchObject({ ok: true });

      expect(await changeMember(db, { userId: adminId, role: null, actorId: adminId })).toMatchObject({
        ok: false,
        reason: "self",
      });
      expect((await db.select().from(sessions).where(eq(sessions.userId, otto.id))).length).toBeGreaterThan(0);
      expect(await changeMember(db, { userId: otto.id, role: null, actorId: adminId })).toMatchObject({
        ok: true,
        before: "admin",
        after: null,
      });
      expect(await db.select().from(sessions).where(eq(sessions.userId, otto.id))).toHaveLength(0);
      expect(await db.select().from(users).where(eq(users.id, otto.id))).toHaveLength(0);
      expect(await changeMember(db, { userId: otto.id, role: null, actorId: adminId })).toMatchObject({
        ok: false,
        reason: "not_found",
      });
    },
  );
});
