/**
 * The guard enumeration: every server action (every export of every lib/**\/actions.ts — a "use server" module
 * exports nothing else) and every handler of every app/api/**\/route.ts must be listed below with the role it
 * needs, and is then called for real — the modules as the server runs them, the real guard, a real (PGlite)
 * database — by a signed-out caller and by every role below the required one. Each call must be refused (the
 * 401/403 interrupt for actions, a 401/403 response for routes), and afterwards no table has gained or lost a row
 * (the audit log included) and no request went upstream (the Novita/sandbox HTTP client goes through fetch, which
 * counts here). A positive control proves the listed role is exact: the role itself is let through the guard.
 *
 * Only the session lookup is replaced (getCurrentUser returns the role under test): whether a request carries a
 * valid cookie is better-auth's business, proven in e2e/guards.spec.ts; what each role may do is proven here.
 * A new action or route that is not listed fails the first test; one listed but unguarded fails the second.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import * as schema from "@/lib/db/schema";
import type { Role } from "@/lib/auth/roles";
import { createAuth } from "@/lib/auth/auth";
import { createToken } from "@/lib/tokens/service";
import { consoleDatabaseForTestFile, countUpstreamCalls, rowCounts } from "@/tests/support/console";

vi.hoisted(() => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
});
const { mocked: state, ...mocks } = await vi.hoisted(() => import("@/tests/support/next-mocks"));
vi.mock("@/lib/auth/session", mocks.sessionModule);
vi.mock("@/lib/db/client", mocks.databaseModule);
vi.mock("next/headers", mocks.nextHeadersModule);
vi.mock("next/cache", mocks.nextCacheModule);
state.requestHeaders = { "x-forwarded-for": "192.0.2.1" };

/** A role (session only), public, `token` (console tokens only: the gateway), `api` (token or session: /api/v1). */
type Access = Role | { public: string } | { token: Role } | { api: Role };

/** Every server action, by file and export, with the role it needs and an input that would change something. */
const ACTIONS: Record<string, { access: Access; input?: unknown }> = {
  "auth/actions.ts#signInAction": { access: { public: "starts a session; rate-limited and audited" } },
  "auth/actions.ts#createAdministratorAction": { access: { public: "works only while the console has no user" } },
  "team/actions.ts#acceptInvitationAction": { access: { public: "the invite token is the credential" } },
  "auth/actions.ts#signOutAction": { access: "viewer" },
  "auth/actions.ts#updateProfileAction": { access: "viewer", input: { name: "Mallory" } },
  "auth/actions.ts#changePasswordAction": {
    access: "viewer",
    input: {
      currentPassword: "correct horse battery",
      newPassword: "mallory's password",
      confirmPassword: "mallory's password",
    },
  },
  "team/actions.ts#inviteMemberAction": { access: "admin", input: { email: "mallory@example.com", role: "admin" } },
  "team/actions.ts#revokeMemberInviteAction": { access: "admin", input: { id: "INVITE" } },
  "team/actions.ts#changeMemberRoleAction": { access: "admin", input: { userId: "OPERATOR", role: "admin" } },
  "team/actions.ts#removeMemberAction": { access: "admin", input: { userId: "ADMIN" } },
  "endpoints/actions.ts#createEndpointAction": { access: "admin", input: { name: "mallory" } },
  "endpoints/actions.ts#updateEndpointAction": { access: "operator", input: { id: "ep-1", form: {} } },
  "endpoints/actions.ts#scaleEndpointAction": { access: "operator", input: { id: "ep-1", min: 0, max: 1 } },
  "endpoints/actions.ts#deleteEndpointAction": { access: "admin", input: { id: "ep-1", confirmName: "ep-1" } },
  "endpoints/actions.ts#createRegistryCredentialAction": {
    access: "admin",
    input: { name: "reg", username: "u", password: "p" },
  },
  "endpoints/actions.ts#revealEndpointEnvValueAction": { access: "admin", input: { id: "ep-1", key: "HF_TOKEN" } },
  "endpoints/actions.ts#setJobRouteNameAction": { access: "operator", input: { id: "ep-1", routeName: "ep-1-async" } },
  "custody/actions.ts#connectNovitaKeyAction": { access: "admin", input: { apiKey: "sk_mallory_key_0000000000" } },
  "custody/actions.ts#rotateNovitaKeyAction": { access: "admin", input: { apiKey: "sk_mallory_key_0000000000" } },
  "custody/actions.ts#removeNovitaKeyAction": { access: "admin", input: {} },
  "custody/actions.ts#checkNovitaConnectionAction": { access: "admin", input: {} },
  "jobs/actions.ts#sendJobsAction": {
    access: "operator",
    input: { endpointId: "ep-1", input: { prompt: "x" }, copies: 1 },
  },
  "jobs/actions.ts#cancelJobsAction": { access: "operator", input: { ids: ["JOB"] } },
  "jobs/actions.ts#resubmitJobAction": { access: "operator", input: { id: "JOB", input: { prompt: "x" } } },
  "jobs/actions.ts#importJobAction": { access: "operator", input: { endpointId: "ep-1", novitaJobId: "nv-1" } },
  "jobs/actions.ts#settleJobAction": { access: "operator", input: { id: "JOB", novitaJobId: "nv-1" } },
  "workflows/actions.ts#createWorkflowAction": {
    access: "operator",
    input: { name: "mallory", description: "", graph: {} },
  },
  "workflows/actions.ts#saveVersionAction": { access: "operator", input: { workflowId: "WF", graph: {} } },
  "workflows/actions.ts#updateWorkflowAction": { access: "operator", input: { workflowId: "WF", name: "mallory" } },
  "workflows/actions.ts#setDefaultEndpointAction": {
    access: "operator",
    input: { workflowId: "WF", endpointId: "ep-1" },
  },
  "workflows/actions.ts#saveCurationAction": { access: "operator", input: { workflowId: "WF", curation: {} } },
  "workflows/actions.ts#deleteWorkflowAction": { access: "operator", input: { workflowId: "WF" } },
  "workflows/actions.ts#runWorkflowAction": {
    access: "operator",
    input: { workflowId: "WF", endpointId: "ep-1", values: {} },
  },
  "tokens/actions.ts#createTokenAction": {
    access: "viewer",
    input: { name: "mallory", role: "viewer", expires: "never" },
  },
  "tokens/actions.ts#revokeTokenAction": { access: "viewer", input: { id: "TOKEN" } },
  "webhooks/actions.ts#rotateSigningSecretAction": { access: "viewer", input: {} },
  "outputs/actions.ts#favouriteOutputAction": { access: "viewer", input: { outputId: "OUTPUT", favourite: true } },
};

/** Every route handler under app/api, by file and HTTP method. */
const ROUTES: Record<string, Access> = {
  "health/route.ts#GET": { public: "load balancers and the Docker HEALTHCHECK probe it" },
  "me/route.ts#GET": "viewer",
  "novita-reachability/route.ts#GET": "viewer",
  "events/route.ts#GET": "viewer",
  "jobs/route.ts#GET": "viewer",
  "jobs/[id]/route.ts#GET": "viewer",
  "endpoints/route.ts#GET": "viewer",
  "endpoints/options/route.ts#GET": "viewer",
  "endpoints/[id]/route.ts#GET": "viewer",
  "endpoints/[id]/health/route.ts#GET": "viewer",
  "audit/export/route.ts#GET": "admin",
  "outputs/route.ts#GET": "viewer",
  "outputs/[id]/route.ts#GET": "viewer",
  "outputs/[id]/details/route.ts#GET": "viewer",
  "outputs/[id]/thumbnail/route.ts#GET": "viewer",
  // The Novita-compatible gateway takes console tokens only: a session cookie opens nothing there.
  "novita/v1/[route]/run/route.ts#POST": { token: "operator" },
  "novita/v1/[route]/status/[id]/route.ts#GET": { token: "viewer" },
  "novita/v1/[route]/cancel/[id]/route.ts#POST": { token: "operator" },
  "novita/v1/[route]/cancel/[id]/route.ts#GET": { token: "operator" },
  "novita/v1/[route]/health/route.ts#GET": { token: "viewer" },
  "novita/v1/[route]/[...rest]/route.ts#GET": { public: "404 for a call the gateway does not serve; reads nothing" },
  "novita/v1/[route]/[...rest]/route.ts#POST": { public: "404 for a call the gateway does not serve; reads nothing" },
  // The REST API takes a console token, or the console's session (its own API page).
  "v1/openapi.json/route.ts#GET": { public: "the API's description; it holds no data" },
  "v1/endpoints/route.ts#GET": { api: "viewer" },
  "v1/endpoints/[id]/route.ts#GET": { api: "viewer" },
  "v1/jobs/route.ts#GET": { api: "viewer" },
  "v1/jobs/route.ts#POST": { api: "operator" },
  "v1/jobs/[id]/route.ts#GET": { api: "viewer" },
  "v1/jobs/[id]/cancel/route.ts#POST": { api: "operator" },
  "v1/jobs/[id]/resubmit/route.ts#POST": { api: "operator" },
  "v1/workflows/route.ts#GET": { api: "viewer" },
  "v1/workflows/[id]/route.ts#GET": { api: "viewer" },
  "v1/workflows/[id]/runs/route.ts#POST": { api: "operator" },
  "v1/outputs/route.ts#GET": { api: "viewer" },
  "v1/outputs/[id]/download/route.ts#GET": { api: "viewer" },
};

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const ROLE_ORDER: Role[] = ["viewer", "operator", "admin"];
const APP = path.resolve(__dirname, "..", "..", "app");
const LIB = path.resolve(__dirname, "..", "..", "lib");

function filesNamed(directory: string, name: string): string[] {
  return (readdirSync(directory, { recursive: true, encoding: "utf8" }) as string[])
    .filter((file) => path.basename(file) === name)
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}

/** Every module with a top-level "use server" directive under app/, components/ and lib/, relative to the repo. */
function serverActionModules(): string[] {
  const root = path.resolve(__dirname, "..", "..");
  return ["app", "components", "lib"]
    .flatMap((top) =>
      (readdirSync(path.join(root, top), { recursive: true, encoding: "utf8" }) as string[]).map((file) =>
        path.join(top, file),
      ),
    )
    .filter(
      (file) =>
        /\.tsx?$/.test(file) && /^["']use server["']/.test(readFileSync(path.join(root, file), "utf8").trimStart()),
    )
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}

async function exportsOf(root: string, file: string): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
}

async function discoverActions(): Promise<Map<string, (input: unknown) => Promise<unknown>>> {
  const found = new Map<string, (input: unknown) => Promise<unknown>>();
  for (const file of filesNamed(LIB, "actions.ts")) {
    for (const [name, value] of Object.entries(await exportsOf(LIB, file))) {
      if (typeof value === "function") found.set(`${file}#${name}`, value as (input: unknown) => Promise<unknown>);
    }
  }
  return found;
}

async function discoverRoutes(): Promise<Map<string, (request: Request, context: unknown) => Promise<Response>>> {
  const found = new Map<string, (request: Request, context: unknown) => Promise<Response>>();
  for (const file of filesNamed(path.join(APP, "api"), "route.ts")) {
    for (const [name, value] of Object.entries(await exportsOf(APP, `api/${file}`))) {
      if (HTTP_METHODS.includes(name) && typeof value === "function") found.set(`${file}#${name}`, value as never);
    }
  }
  return found;
}

const rolesBelow = (role: Role) => ROLE_ORDER.slice(0, ROLE_ORDER.indexOf(role));
const personOf = (role: Role): SessionUser => ({
  id: `user-${role}`,
  name: `A ${role}`,
  email: `${role}@example.com`,
  role,
});

/** What the guard throws: Next's 401/403 interrupts carry their status in the digest. */
async function refusal(call: () => Promise<unknown>): Promise<number | "allowed"> {
  try {
    await call();
    return "allowed";
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    const match = typeof digest === "string" ? /^NEXT_HTTP_ERROR_FALLBACK;(401|403)$/.exec(digest) : null;
    return match ? Number(match[1]) : "allowed";
  }
}

describe("every server action and app/api route is guarded", () => {
  const database = consoleDatabaseForTestFile("guards-");
  const upstream = countUpstreamCalls();

  beforeAll(async () => {
    // Real people and rows for the inputs to point at: a refused call must leave them all as they are.
    const { db } = database;
    await db.insert(schema.users).values([
      { id: "ADMIN", name: "Ada", email: "ada@example.com", role: "admin" },
      { id: "OPERATOR", name: "Otto", email: "otto@example.com", role: "operator" },
    ]);
    await db
      .insert(schema.sessions)
      .values({ id: "s1", token: "t1", userId: "OPERATOR", expiresAt: new Date(Date.now() + 86_400_000) });
    await db.insert(schema.invites).values({
      id: "INVITE",
      tokenHash: "h",
      email: "vera@example.com",
      role: "viewer",
      expiresAt: new Date(Date.now() + 86_400_000),
    });
  });

  it("lists every action and route with the role it needs (a new one fails here until it is listed)", async () => {
    // Actions live in lib/<domain>/actions.ts only: one in any other "use server" module would escape the list.
    expect(serverActionModules().filter((file) => !/^lib\/[^/]+\/actions\.ts$/.test(file))).toEqual([]);
    expect([...(await discoverActions()).keys()].sort()).toEqual(Object.keys(ACTIONS).sort());
    expect([...(await discoverRoutes()).keys()].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it("refuses signed-out callers and every role below the required one, and nothing changes", async () => {
    const actions = await discoverActions();
    const routes = await discoverRoutes();
    const before = await rowCounts(database.db);
    let refusedCalls = 0;

    for (const [key, { access, input }] of Object.entries(ACTIONS)) {
      if (typeof access !== "string") continue;
      const action = actions.get(key)!;
      for (const caller of [null, ...rolesBelow(access)]) {
        state.user = caller ? personOf(caller) : null;
        expect(await refusal(() => action(input ?? {})), `${key} called by ${caller ?? "a signed-out caller"}`).toBe(
          caller ? 403 : 401,
        );
        refusedCalls += 1;
      }
    }
    for (const [key, access] of Object.entries(ROUTES)) {
      if (typeof access !== "string") continue;
      const handler = routes.get(key)!;
      for (const caller of [null, ...rolesBelow(access)]) {
        state.user = caller ? personOf(caller) : null;
        const response = await handler(new Request("http://localhost/api/x?person=a"), {
          params: Promise.resolve({ id: "ep-1" }),
        });
        expect(response.status, `${key} called by ${caller ?? "a signed-out caller"}`).toBe(caller ? 403 : 401);
        refusedCalls += 1;
      }
    }

    expect(refusedCalls).toBeGreaterThan(30);
    expect(await rowCounts(database.db)).toEqual(before);
    expect(upstream.calls).toBe(0);
  });

  it("lets the required role itself through the guard (the listed role is exact, not merely stricter)", async () => {
    const actions = await discoverActions();
    const routes = await discoverRoutes();
    for (const [key, { access }] of Object.entries(ACTIONS)) {
      if (typeof access !== "string") continue;
      state.user = personOf(access);
      // An input no schema accepts: the action gets past the guard and stops at validation.
      expect(await refusal(() => actions.get(key)!(undefined)), key).toBe("allowed");
    }
    for (const [key, access] of Object.entries(ROUTES)) {
      if (typeof access === "object" && ("token" in access || "api" in access)) continue;
      state.user = typeof access === "string" ? personOf(access) : null;
      const controller = new AbortController();
      const response = await routes.get(key)!(new Request("http://localhost/api/x", { signal: controller.signal }), {
        params: Promise.resolve({ id: "ep-1" }),
      });
      const body = response.headers.get("content-type")?.includes("json")
        ? ((await response.clone().json()) as { error?: { code?: string } })
        : {};
      expect(String(body.error?.code ?? "none"), key).not.toMatch(/^(unauthenticated|forbidden)$/);
      controller.abort();
      await response.body?.cancel().catch(() => {});
    }
  });

  let tokens: Promise<Record<Role, string>> | undefined;
  /** A token per role, each owned by a person of that role (made once, for the gateway's and the API's tests). */
  function tokensByRole(): Promise<Record<Role, string>> {
    tokens ??= (async () => {
      const auth = createAuth(database.db, { secret: "x".repeat(40), baseURL: "http://localhost:3000" });
      await database.db
        .insert(schema.users)
        .values({ id: "VIEWER", name: "Vera", email: "vera@example.com", role: "viewer" });
      const tokenOf: Record<Role, string> = { viewer: "", operator: "", admin: "" };
      for (const role of ROLE_ORDER) {
        const owner = { ...personOf(role), id: role.toUpperCase() };
        tokenOf[role] = (await createToken(auth, owner, { name: `t-${role}`, role, expires: "never" })).key;
      }
      return tokenOf;
    })();
    return tokens;
  }

  it("takes only console tokens on the gateway: 401 without one (session or not), 403 below the role", async () => {
    const routes = await discoverRoutes();
    const tokenOf = await tokensByRole();
    const { db } = database;
    const before = await rowCounts(db);
    const upstreamBefore = upstream.calls;
    const call = (key: string, token?: string) =>
      routes.get(key)!(
        new Request("http://localhost/api/novita/v1/ep-1/run", {
          method: key.endsWith("#GET") ? "GET" : "POST",
          headers: token ? { authorization: `Bearer ${token}` } : {},
        }),
        { params: Promise.resolve({ route: "ep-1", id: "JOB" }) },
      );
    let checked = 0;
    for (const [key, access] of Object.entries(ROUTES)) {
      if (typeof access !== "object" || !("token" in access)) continue;
      for (const session of [null, ...ROLE_ORDER]) {
        state.user = session ? personOf(session) : null;
        expect((await call(key)).status, `${key} with a ${session ?? "signed-out"} session, no token`).toBe(401);
      }
      state.user = null;
      expect((await call(key, "nvc_not-a-real-token")).status, `${key} with a wrong token`).toBe(401);
      for (const role of rolesBelow(access.token)) {
        const response = await call(key, tokenOf[role]);
        expect(response.status, `${key} with a ${role} token`).toBe(403);
        expect(await response.json()).toMatchObject({ code: 403, reason: "FORBIDDEN" });
      }
      checked += 1;
    }
    expect(checked).toBe(5);
    const after = await rowCounts(db);
    // Using a token records its last use; nothing else changes.
    expect({ ...after, apiTokens: 0 }).toEqual({ ...before, apiTokens: 0 });
    expect(upstream.calls).toBe(upstreamBefore);
    for (const [key, access] of Object.entries(ROUTES)) {
      if (typeof access !== "object" || !("token" in access)) continue;
      expect([401, 403], `${key} with a ${access.token} token`).not.toContain(
        (await call(key, tokenOf[access.token])).status,
      );
    }
  });

  it("takes a token or the session on /api/v1: 401 without either, 403 below the role, nothing changes", async () => {
    const routes = await discoverRoutes();
    const tokenOf = await tokensByRole();
    const before = await rowCounts(database.db);
    const upstreamBefore = upstream.calls;
    const call = (key: string, options: { token?: string; origin?: string } = {}) =>
      routes.get(key)!(
        new Request("http://localhost/api/v1/x", {
          method: key.endsWith("#GET") ? "GET" : "POST",
          headers: {
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...(options.origin ? { origin: options.origin } : {}),
          },
        }),
        { params: Promise.resolve({ id: "ep-1" }) },
      );
    let checked = 0;
    for (const [key, access] of Object.entries(ROUTES)) {
      if (typeof access !== "object" || !("api" in access)) continue;
      state.user = null;
      expect((await call(key)).status, `${key} signed out, no token`).toBe(401);
      state.user = personOf("admin");
      expect((await call(key, { token: "nvc_not-a-real-token" })).status, `${key} with a wrong token`).toBe(401);
      for (const role of rolesBelow(access.api)) {
        state.user = null;
        const response = await call(key, { token: tokenOf[role] });
        expect(response.status, `${key} with a ${role} token`).toBe(403);
        expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
        state.user = personOf(role);
        expect((await call(key, { origin: "http://localhost" })).status, `${key} as a ${role}`).toBe(403);
      }
      checked += 1;
    }
    expect(checked).toBe(12);
    // Using a token records its last use; nothing else changes.
    expect({ ...(await rowCounts(database.db)), apiTokens: 0 }).toEqual({ ...before, apiTokens: 0 });
    expect(upstream.calls).toBe(upstreamBefore);
    for (const [key, access] of Object.entries(ROUTES)) {
      if (typeof access !== "object" || !("api" in access)) continue;
      state.user = null;
      expect([401, 403], `${key} with a ${access.api} token`).not.toContain(
        (await call(key, { token: tokenOf[access.api] })).status,
      );
      state.user = personOf(access.api);
      expect([401, 403], `${key} as a ${access.api} on the console's page`).not.toContain(
        (await call(key, { origin: "http://localhost" })).status,
      );
    }
  });
});
