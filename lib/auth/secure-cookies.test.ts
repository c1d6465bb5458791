/**
 * Issue 12: the auth base URL was fixed to http://localhost:<port>, so even behind the documented HTTPS proxy the
 * session cookie had neither `Secure` nor the `__Secure-` prefix. The process's auth (getAuth, configured from the
 * environment) signs a user in on PGlite; only the database handle is replaced.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { forgetProcessSingleton } from "@/lib/utils/process-singleton";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";

const state = vi.hoisted(() => ({ db: undefined as unknown }));

vi.mock("@/lib/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db/client")>()),
  getDb: async () => state.db,
}));

let database: TestDatabase;

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "secure-cookies-"));
  database = (await openTestDatabase("pglite"))!;
  state.db = database.db;
});

afterAll(async () => {
  delete process.env.PUBLIC_URL;
  forgetProcessSingleton("auth");
  forgetProcessSingleton("config");
  await database?.close();
});

/** The process's auth as it starts with this PUBLIC_URL. */
async function authWith(publicUrl: string | undefined) {
  if (publicUrl === undefined) delete process.env.PUBLIC_URL;
  else process.env.PUBLIC_URL = publicUrl;
  forgetProcessSingleton("auth");
  forgetProcessSingleton("config");
  const { getAuth } = await import("./auth");
  return getAuth();
}

async function signInCookies(publicUrl: string | undefined, email: string): Promise<string[]> {
  const auth = await authWith(publicUrl);
  const { createUserWithPassword } = await import("./users");
  await createUserWithPassword(auth, { email, name: "Ada", password: "correct horse battery", role: "admin" });
  const { headers } = await auth.api.signInEmail({
    body: { email, password: "correct horse battery" },
    returnHeaders: true,
  });
  return headers.getSetCookie();
}

const sessionCookie = (cookies: string[]) => cookies.find((cookie) => /^[^=]*session_token=/.test(cookie));

describe("the session cookie", () => {
  it("is Secure and __Secure- prefixed when PUBLIC_URL is https", async () => {
    const cookie = sessionCookie(await signInCookies("https://console.example.com", "https@example.com"));
    expect(cookie).toMatch(/^__Secure-novita-console\.session_token=/);
    expect(cookie).toMatch(/;\s*Secure(;|$)/i);
    expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
  });

  it("is neither when PUBLIC_URL is http, nor by default (http://localhost:<port>)", async () => {
    for (const [publicUrl, email] of [
      ["http://console.internal:3000", "http@example.com"],
      [undefined, "default@example.com"],
    ] as const) {
      const cookie = sessionCookie(await signInCookies(publicUrl, email));
      expect(cookie).toMatch(/^novita-console\.session_token=/);
      expect(cookie).not.toMatch(/;\s*Secure(;|$)/i);
    }
  });

  it("read back under its prefixed name: the session it opened is found", async () => {
    const auth = await authWith("https://console.example.com");
    const cookie = sessionCookie(await signInCookies("https://console.example.com", "readback@example.com"))!;
    const session = await auth.api.getSession({ headers: new Headers({ cookie: cookie.split(";")[0]! }) });
    expect(session?.user.email).toBe("readback@example.com");
  });
});
