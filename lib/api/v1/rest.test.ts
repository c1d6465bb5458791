/**
 * The REST API end to end: the real route handlers, tokens made by better-auth, a real PGlite ledger, and the
 * sandbox over HTTP standing in for Novita. Roles, attribution, audit rows, named inputs, limits.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

const state = vi.hoisted(() => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  return { user: null as SessionUser | null, db: undefined as unknown, client: undefined as unknown };
});
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: async () => state.user,
}));
vi.mock("@/lib/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db/client")>()),
  getDb: async () => state.db,
}));
vi.mock("@/lib/novita/process", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/novita/process")>()),
  getNovitaClient: () => state.client,
}));
vi.mock("@/lib/tracker/process", async () => {
  const { EventBus } = await import("@/lib/tracker/bus");
  const bus = new EventBus();
  return {
    jobServiceDeps: async () => {
      const client = state.client as import("@/lib/novita/client").NovitaClient;
      return { db: state.db, management: client.management, gateway: client.jobs, bus };
    },
  };
});
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createAuth } = await import("@/lib/auth/auth");
const schema = await import("@/lib/db/schema");
const { openTestDatabase } = await import("@/tests/support/database");
const { createNovitaClient } = await import("@/lib/novita/client");
const { startSandbox } = await import("@/lib/sandbox");
const { makeEndpointSpec } = await import("@/tests/support/endpoint-spec");
const { createToken } = await import("@/lib/tokens/service");
const { createWorkflow } = await import("@/lib/workflows/service");
const { guideWorkflow } = await import("@/lib/comfyui/examples");
const { setApiRateLimiter, TokenBucketLimiter, API_RATE } = await import("./rate-limit");
const jobsRoute = await import("@/app/api/v1/jobs/route");
const jobRoute = await import("@/app/api/v1/jobs/[id]/route");
const cancelRoute = await import("@/app/api/v1/jobs/[id]/cancel/route");
const resubmitRoute = await import("@/app/api/v1/jobs/[id]/resubmit/route");
const endpointsRoute = await import("@/app/api/v1/endpoints/route");
const endpointRoute = await import("@/app/api/v1/endpoints/[id]/route");
const workflowsRoute = await import("@/app/api/v1/workflows/route");
const workflowRoute = await import("@/app/api/v1/workflows/[id]/route");
const runsRoute = await import("@/app/api/v1/workflows/[id]/runs/route");
const outputsRoute = await import("@/app/api/v1/outputs/route");
const downloadRoute = await import("@/app/api/v1/outputs/[id]/download/route");
const openapiRoute = await import("@/app/api/v1/openapi.json/route");

type Handler = (request: Request, context?: { params?: Promise<unknown> }) => Promise<Response>;
type Tokens = Record<"viewer" | "operator", string>;

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let endpointId: string;
let workflowId: string;
const tokens: Tokens = { viewer: "", operator: "" };
const clock = { now: 0 };

function call(handler: Handler, options: { token?: string; method?: string; body?: unknown; params?: object } = {}) {
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  return handler(
    new Request("http://localhost/api/v1/x", {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : body,
    }),
    { params: Promise.resolve(options.params ?? {}) },
  );
}

const get = (handler: Handler, url: string, token?: string, params: object = {}) =>
  handler(new Request(`http://localhost${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), {
    params: Promise.resolve(params),
  });

async function rows(table: typeof schema.jobs | typeof schema.auditLog) {
  const [row] = await database!.db.select({ value: count() }).from(table);
  return row!.value;
}

async function settled(jobId: string) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const [job] = await database!.db.select().from(schema.jobs).where(eq(schema.jobs.id, jobId));
    if (job?.novitaJobId) return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("never accepted");
}

beforeAll(async () => {
  // The console secret and the output store live under DATA_DIR, read on first use.
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "rest-api-"));
  database = (await openTestDatabase("pglite"))!;
  state.db = database.db;
  sandbox = await startSandbox({
    port: 0,
    apiKey: "sk_rest_api_test_key_000000",
    dataDir: undefined,
    coldStartMs: 20,
    endpointStartupMs: 20,
    tickMs: 10,
    retentionMs: 60_000,
  });
  const client = createNovitaClient({
    apiKey: "sk_rest_api_test_key_000000",
    apiBaseUrl: sandbox.managementBaseUrl,
    jobsBaseUrl: sandbox.jobsBaseUrl,
    gpusBaseUrl: sandbox.gpusV2BaseUrl,
    retry: { maxRetries: 0 },
  });
  state.client = client;
  ({ id: endpointId } = await client.management.createEndpoint(
    makeEndpointSpec({ workers: { ...makeEndpointSpec().workers, min: 1, max: 1 } }),
  ));
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if ((await client.management.getEndpoint(endpointId)).status.state === "serving") break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const auth = createAuth(database.db, { secret: "x".repeat(40), baseURL: "http://localhost:3000" });
  await database.db.insert(schema.users).values([
    { id: "VERA", name: "Vera", email: "vera@example.com", role: "viewer" },
    { id: "OTTO", name: "Otto", email: "otto@example.com", role: "operator" },
  ]);
  const owner = (id: string, role: "viewer" | "operator") => ({ id, name: id, email: `${id}@example.com`, role });
  tokens.viewer = (
    await createToken(auth, owner("VERA", "viewer"), { name: "notebook", role: "viewer", expires: "never" })
  ).key;
  tokens.operator = (
    await createToken(auth, owner("OTTO", "operator"), { name: "ci-sender", role: "operator", expires: "never" })
  ).key;
  const workflow = await createWorkflow(database.db, {
    name: "Guide",
    description: "",
    graph: guideWorkflow(),
    defaultEndpointId: endpointId,
    userId: "OTTO",
  });
  workflowId = workflow.id;
});

afterAll(async () => {
  await sandbox?.close();
  await database?.close();
});

beforeEach(() => {
  state.user = null;
  clock.now += 3_600_000; // every test starts with full buckets
  setApiRateLimiter(new TokenBucketLimiter({ ...API_RATE, now: () => clock.now }));
});

describe("/api/v1 roles", () => {
  it("answers 401 in the console's error shape without a token, or with a wrong one, even with a session", async () => {
    for (const token of [undefined, "nvc_not-a-real-token"]) {
      state.user = token ? { id: "OTTO", name: "Otto", email: "otto@example.com", role: "operator" } : null;
      const response = await call(jobsRoute.GET, { token });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "unauthenticated" } });
    }
    state.user = null;
    const response = await call(jobsRoute.POST, { method: "POST", body: { endpointId, input: {} } });
    expect(response.status).toBe(401);
  });

  it("lets a viewer token read and refuses every write with 403, changing nothing", async () => {
    expect((await call(jobsRoute.GET, { token: tokens.viewer })).status).toBe(200);
    expect((await call(workflowsRoute.GET, { token: tokens.viewer })).status).toBe(200);
    const before = { jobs: await rows(schema.jobs), audit: await rows(schema.auditLog) };
    const writes: [Handler, object, unknown][] = [
      [jobsRoute.POST, {}, { endpointId, input: { prompt: "x" } }],
      [cancelRoute.POST, { id: "JOB" }, undefined],
      [resubmitRoute.POST, { id: "JOB" }, undefined],
      [runsRoute.POST, { id: workflowId }, { inputs: { prompt: "x" } }],
    ];
    for (const [handler, params, body] of writes) {
      const response = await call(handler, { token: tokens.viewer, method: "POST", params, body });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "forbidden", message: /operator role/ } });
    }
    expect({ jobs: await rows(schema.jobs), audit: await rows(schema.auditLog) }).toEqual(before);
  });

  it("takes the signed-in session for reads, and for writes only from the console's own origin", async () => {
    state.user = { id: "OTTO", name: "Otto", email: "otto@example.com", role: "operator" };
    expect((await call(jobsRoute.GET)).status).toBe(200);
    const before = await rows(schema.jobs);
    const foreign = await jobsRoute.POST(
      new Request("http://localhost/api/v1/jobs", {
        method: "POST",
        headers: { origin: "https://evil.example", "content-type": "application/json" },
        body: JSON.stringify({ endpointId, input: { prompt: "x" } }),
      }),
    );
    expect(foreign.status).toBe(403);
    expect(await rows(schema.jobs)).toBe(before);
    const own = await jobsRoute.POST(
      new Request("http://localhost/api/v1/jobs", {
        method: "POST",
        headers: { origin: "http://localhost", "content-type": "application/json" },
        body: JSON.stringify({ endpointId, input: { prompt: "from the API page" } }),
      }),
    );
    expect(own.status).toBe(200);
    const [audit] = await database!.db.select().from(schema.auditLog).orderBy(desc(schema.auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: "job.send", actorId: "OTTO", tokenName: null });
  });

  it("serves the OpenAPI document to anyone", async () => {
    const response = await openapiRoute.GET();
    expect(response.status).toBe(200);
    expect((await response.json()).openapi).toBe("3.1.0");
  });
});

describe("/api/v1 jobs", () => {
  it("sends copies: ledger rows first, attributed to the token's owner, one audit row with its name", async () => {
    const auditBefore = await rows(schema.auditLog);
    const response = await call(jobsRoute.POST, {
      token: tokens.operator,
      method: "POST",
      body: { endpointId, input: { prompt: "a lighthouse at dusk" }, copies: 2 },
    });
    expect(response.status).toBe(200);
    const { jobs } = (await response.json()) as { jobs: { job: { id: string }; failure: unknown }[] };
    expect(jobs).toHaveLength(2);
    expect(jobs.every((entry) => entry.failure === null)).toBe(true);
    for (const { job } of jobs) {
      const row = await settled(job.id);
      expect(row).toMatchObject({ submittedBy: "OTTO", endpointId, input: { prompt: "a lighthouse at dusk" } });
    }
    expect(await rows(schema.auditLog)).toBe(auditBefore + 1);
    const [audit] = await database!.db.select().from(schema.auditLog).orderBy(desc(schema.auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: "job.send", actorId: "OTTO", tokenName: "ci-sender", result: "ok" });
    expect(JSON.stringify(audit)).not.toContain(tokens.operator);

    const found = await get(jobsRoute.GET, "/api/v1/jobs?q=lighthouse&submitter=OTTO", tokens.viewer);
    const page = (await found.json()) as { jobs: { id: string }[]; counts: { all: number } };
    expect(page.jobs.map((job) => job.id).sort()).toEqual(jobs.map(({ job }) => job.id).sort());
    expect((await get(jobsRoute.GET, "/api/v1/jobs?limit=0", tokens.viewer)).status).toBe(400);

    const details = await call(jobRoute.GET, { token: tokens.viewer, params: { id: jobs[0]!.job.id } });
    const body = (await details.json()) as { events: { status: string }[]; job: { input: unknown } };
    expect(body.events.map((event) => event.status)).toContain("SUBMITTING");
    expect(body.job.input).toEqual({ prompt: "a lighthouse at dusk" });
  });

  it("resubmits with an empty body, and refuses to cancel a job that does not exist or has finished", async () => {
    const sent = await call(jobsRoute.POST, {
      token: tokens.operator,
      method: "POST",
      body: { endpointId, input: {} },
    });
    const { jobs } = (await sent.json()) as { jobs: { job: { id: string } }[] };
    const original = jobs[0]!.job.id;
    const again = await call(resubmitRoute.POST, { token: tokens.operator, method: "POST", params: { id: original } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { job: { resubmittedFrom: string } }).job.resubmittedFrom).toBe(original);

    const missing = await call(cancelRoute.POST, { token: tokens.operator, method: "POST", params: { id: "nope" } });
    expect(missing.status).toBe(404);
    // Audited as the refusal it is, not as a cancel that happened (issue 16, found by the fuzzer).
    const [refused] = await database!.db.select().from(schema.auditLog).orderBy(desc(schema.auditLog.id)).limit(1);
    expect(refused).toMatchObject({ action: "job.cancel", targetId: "nope", result: "failed" });
    await database!.db
      .update(schema.jobs)
      .set({ finished: true, status: "COMPLETED" })
      .where(eq(schema.jobs.id, original));
    const finished = await call(cancelRoute.POST, { token: tokens.operator, method: "POST", params: { id: original } });
    expect(finished.status).toBe(409);
    expect(await finished.json()).toMatchObject({ error: { code: "conflict", message: /already completed/ } });
  });

  it("refuses malformed and oversized bodies with a message that names the problem", async () => {
    const invalid = await call(jobsRoute.POST, { token: tokens.operator, method: "POST", body: { input: {} } });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      error: { code: "invalid", fields: { endpointId: expect.any(String) } },
    });
    const notJson = await call(jobsRoute.POST, { token: tokens.operator, method: "POST", body: "{not json" });
    expect(await notJson.json()).toMatchObject({ error: { message: /not valid JSON/ } });
    const huge = await call(jobsRoute.POST, {
      token: tokens.operator,
      method: "POST",
      body: { endpointId, input: { blob: "x".repeat(4 * 1024 * 1024 + 10) } },
    });
    expect(huge.status).toBe(400);
    expect(await huge.json()).toMatchObject({ error: { code: "invalid", message: /over 4 MiB/ } });
  });
});

describe("/api/v1 workflows", () => {
  it("lists the form's fields by name with their node paths", async () => {
    const response = await call(workflowRoute.GET, { token: tokens.viewer, params: { id: workflowId } });
    const body = (await response.json()) as { fields: { name: string; path: string; default: unknown }[] };
    expect(body.fields.slice(0, 3)).toMatchObject([
      { name: "prompt", path: "6.inputs.text" },
      { name: "negative_prompt", path: "7.inputs.text" },
      { name: "seed", path: "3.inputs.seed", default: 42 },
    ]);
    const list = await call(workflowsRoute.GET, { token: tokens.viewer });
    expect(((await list.json()) as { workflows: { id: string }[] }).workflows.map((entry) => entry.id)).toContain(
      workflowId,
    );
  });

  it("runs with named inputs on the default endpoint: each name sets its node input", async () => {
    const response = await call(runsRoute.POST, {
      token: tokens.operator,
      method: "POST",
      params: { id: workflowId },
      body: { inputs: { prompt: "a lighthouse", seed: 7, steps: 12, "5.inputs.width": 640 } },
    });
    expect(response.status).toBe(200);
    const { runs, sweepId } = (await response.json()) as { runs: { job: { id: string } }[]; sweepId: null };
    expect(sweepId).toBeNull();
    const row = await settled(runs[0]!.job.id);
    const graph = (row.input as { workflow: Record<string, { inputs: Record<string, unknown> }> }).workflow;
    expect(graph["6"]!.inputs.text).toBe("a lighthouse");
    expect(graph["3"]!.inputs.seed).toBe(7);
    expect(graph["3"]!.inputs.steps).toBe(12);
    expect(graph["5"]!.inputs.width).toBe(640);
    expect(graph["7"]!.inputs.text).toBe(guideWorkflow()["7"]!.inputs.text);
    expect(row).toMatchObject({ endpointId, submittedBy: "OTTO" });
    const [audit] = await database!.db.select().from(schema.auditLog).orderBy(desc(schema.auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: "workflow.run", targetId: workflowId, tokenName: "ci-sender" });
  });

  it("refuses unknown field names (400, naming them) and sends nothing", async () => {
    const before = await rows(schema.jobs);
    const response = await call(runsRoute.POST, {
      token: tokens.operator,
      method: "POST",
      params: { id: workflowId },
      body: { inputs: { prompt: "x", colour: "red", mood: "calm" } },
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { message: string; fields: Record<string, string> } };
    expect(error.message).toMatch(/colour, mood/);
    expect(Object.keys(error.fields)).toEqual(["inputs.colour", "inputs.mood"]);
    const badValue = await call(runsRoute.POST, {
      token: tokens.operator,
      method: "POST",
      params: { id: workflowId },
      body: { inputs: { steps: "many" } },
    });
    expect(badValue.status).toBe(400);
    expect(await badValue.json()).toMatchObject({ error: { fields: { "inputs.steps": expect.any(String) } } });
    expect(await rows(schema.jobs)).toBe(before);
  });

  it("sends count jobs with random seeds as one sweep, and prompt × seed sweeps", async () => {
    const counted = await call(runsRoute.POST, {
      token: tokens.operator,
      method: "POST",
      params: { id: workflowId },
      body: { inputs: { prompt: "three of a kind" }, count: 3 },
    });
    const body = (await counted.json()) as { sweepId: string; runs: { inputs: { values: Record<string, number> } }[] };
    expect(body.runs).toHaveLength(3);
    expect(body.sweepId).toEqual(expect.any(String));
    expect(new Set(body.runs.map((run) => run.inputs.values["3.inputs.seed"])).size).toBe(3);
    const swept = await call(runsRoute.POST, {
      token: tokens.operator,
      method: "POST",
      params: { id: workflowId },
      body: { sweep: { prompts: ["a", "b"], seeds: [1, 2] } },
    });
    expect(((await swept.json()) as { runs: unknown[] }).runs).toHaveLength(4);
  });
});

describe("/api/v1 endpoints and outputs", () => {
  it("reads the endpoint views and the gallery", async () => {
    const list = await call(endpointsRoute.GET, { token: tokens.viewer });
    const { endpoints } = (await list.json()) as { endpoints: { endpoint: { id: string } }[] };
    expect(endpoints.map((view) => view.endpoint.id)).toContain(endpointId);
    const one = await call(endpointRoute.GET, { token: tokens.viewer, params: { id: endpointId } });
    expect(one.status).toBe(200);
    const page = await get(outputsRoute.GET, "/api/v1/outputs?limit=5", tokens.viewer);
    expect(await page.json()).toMatchObject({ items: expect.any(Array) });
    const file = await call(downloadRoute.GET, { token: tokens.viewer, params: { id: "no-such-output" } });
    expect(file.status).toBe(404);
  });
});

describe("/api/v1 rate limit", () => {
  it("answers 429 with Retry-After once a token's burst is spent; other tokens are not affected", async () => {
    for (let request = 0; request < API_RATE.burst; request += 1) {
      expect((await call(workflowsRoute.GET, { token: tokens.viewer })).status).toBe(200);
    }
    const limited = await call(workflowsRoute.GET, { token: tokens.viewer });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited", message: /20 requests a second/ } });
    expect((await call(workflowsRoute.GET, { token: tokens.operator })).status).toBe(200);
    clock.now += 1_000;
    expect((await call(workflowsRoute.GET, { token: tokens.viewer })).status).toBe(200);
  });
});
