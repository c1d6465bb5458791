/**
 * The sign-in form's real path (attemptSignIn: better-auth, the limit counters, the audit log) on PGlite, with the
 * request headers a client chooses. Only the request's headers and the database handle are replaced.
 * Issue 12: with TRUSTED_PROXY_HOPS=0 a client rotating X-Forwarded-For escaped the per-address limit and wrote the
 * address of its choice into the audit log.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditLog, rateLimits, sessions } from "@/lib/db/schema";
import { forgetProcessSingleton } from "@/lib/utils/process-singleton";
import { consoleDatabaseForTestFile } from "@/tests/support/console";

const { mocked: state, ...mocks } = await vi.hoisted(() => import("@/tests/support/next-mocks"));
vi.mock("@/lib/db/client", mocks.databaseModule);
vi.mock("next/headers", mocks.nextHeadersModule);

const database = consoleDatabaseForTestFile("sign-in-limit-");

function setHops(hops: number) {
  process.env.TRUSTED_PROXY_HOPS = String(hops);
  forgetProcessSingleton("config");
}

beforeAll(async () => {
  delete process.env.PUBLIC_URL;
  const { getAuth } = await import("@/lib/auth/auth");
  const { createUserWithPassword } = await import("@/lib/auth/users");
  await createUserWithPassword(await getAuth(), {
    email: "ada@example.com",
    name: "Ada",
    password: "correct horse battery",
    role: "admin",
  });
});

afterAll(async () => {
  delete process.env.TRUSTED_PROXY_HOPS;
  forgetProcessSingleton("config");
});

beforeEach(async () => {
  await database.db.delete(rateLimits);
  await database.db.delete(auditLog);
});

const spoofed = (attempt: number) => `203.0.113.${attempt}`;

async function signInAuditAddresses(): Promise<unknown[]> {
  const rows = await database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, "auth.sign-in"))
    .orderBy(auditLog.id);
  return rows.map((row) => (row.after as { address?: unknown } | null)?.address);
}

describe("the per-address sign-in limit", { timeout: 120_000 }, () => {
  it(
    "with 0 trusted hops, 40 wrong passwords for 40 accounts from rotating X-Forwarded-For are limited from the " +
      "30th on, and no audit row carries a spoofed address",
    async () => {
      setHops(0);
      const { attemptSignIn } = await import("@/lib/auth/sign-in");
      const outcomes: string[] = [];
      for (let attempt = 1; attempt <= 40; attempt++) {
        // Each attempt names another account (so the per-account limit of 5 never trips) and another address.
        state.requestHeaders = new Headers({ "x-forwarded-for": spoofed(attempt) });
        outcomes.push(
          (await attemptSignIn({ email: `user${attempt}@example.com`, password: "wrong password" })).outcome,
        );
      }
      expect(outcomes.slice(0, 29).every((outcome) => outcome === "invalid_credentials")).toBe(true);
      expect(outcomes.slice(29)).toEqual(Array(11).fill("rate_limited"));

      // The right password of an account that never failed is refused too, without being checked: the address is over.
      state.requestHeaders = new Headers({ "x-forwarded-for": spoofed(99) });
      expect((await attemptSignIn({ email: "ada@example.com", password: "correct horse battery" })).outcome).toBe(
        "rate_limited",
      );

      const addresses = await signInAuditAddresses();
      expect(addresses).toHaveLength(41);
      for (let attempt = 1; attempt <= 40; attempt++) expect(addresses).not.toContain(spoofed(attempt));
      expect(new Set(addresses)).toEqual(new Set(["direct"]));
    },
  );

  it("with 0 trusted hops, the connection's own address (stamped by the HTTP server) is limited, audited", async () => {
    setHops(0);
    const { capturePeerAddresses } = await import("@/lib/auth/peer-address");
    const { stampPeerAddress, peerAddressToken } = await import("@/lib/auth/client-address");
    capturePeerAddresses();
    const { attemptSignIn } = await import("@/lib/auth/sign-in");
    const from = (peer: string, forwardedFor: string) => {
      const raw: Record<string, string> = { "x-forwarded-for": forwardedFor };
      stampPeerAddress(raw, peer, peerAddressToken()!);
      state.requestHeaders = new Headers(raw);
    };
    for (let attempt = 1; attempt <= 30; attempt++) {
      from("::ffff:198.51.100.7", spoofed(attempt));
      await attemptSignIn({ email: `user${attempt}@example.com`, password: "wrong password" });
    }
    from("198.51.100.7", spoofed(31));
    expect((await attemptSignIn({ email: "someone@example.com", password: "wrong password" })).outcome).toBe(
      "rate_limited",
    );
    // Another connection is not held back by that one.
    from("198.51.100.8", spoofed(7));
    expect((await attemptSignIn({ email: "ada@example.com", password: "correct horse battery" })).outcome).toBe(
      "signed_in",
    );

    const addresses = await signInAuditAddresses();
    expect(addresses.slice(0, 31)).toEqual(Array(31).fill("198.51.100.7"));
    expect(addresses[31]).toBe("198.51.100.8");
    // better-auth's session row records the same address, not the header's.
    const [session] = await database.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.ipAddress, "198.51.100.8")));
    expect(session).toBeDefined();
  });

  it("behind 1 trusted proxy, the address that proxy saw (the last X-Forwarded-For entry) is limited", async () => {
    setHops(1);
    const { attemptSignIn } = await import("@/lib/auth/sign-in");
    for (let attempt = 1; attempt <= 30; attempt++) {
      // The client prepends what it likes; the proxy appends the address it saw.
      state.requestHeaders = new Headers({ "x-forwarded-for": `${spoofed(attempt)}, 192.0.2.50` });
      await attemptSignIn({ email: `user${attempt}@example.com`, password: "wrong password" });
    }
    state.requestHeaders = new Headers({ "x-forwarded-for": "192.0.2.50" });
    expect((await attemptSignIn({ email: "someone@example.com", password: "wrong password" })).outcome).toBe(
      "rate_limited",
    );
    state.requestHeaders = new Headers({ "x-forwarded-for": `192.0.2.50, 192.0.2.51` });
    expect((await attemptSignIn({ email: "ada@example.com", password: "correct horse battery" })).outcome).toBe(
      "signed_in",
    );
    expect(new Set((await signInAuditAddresses()).slice(0, 31))).toEqual(new Set(["192.0.2.50"]));
  });
});
