/**
 * A run's webhook at submit, through the real route handlers (gateway `run`, REST job send, workflow runs) with
 * tokens made by better-auth, a PGlite ledger and the sandbox over HTTP: a refused URL or a missing signing secret is
 * a 400 with nothing written and nothing sent upstream; an accepted one is on the ledger row.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const state = vi.hoisted(() => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  return { db: undefined as unknown, client: undefined as unknown, runs: 0 };
});
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: async () => null,
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
      const gateway = {
        ...client.jobs,
        status: client.jobs.status.bind(client.jobs),
        cancel: client.jobs.cancel.bind(client.jobs),
        run: (route: string, input: unknown) => {
          state.runs += 1;
          return client.jobs.run(route, input);
        },
      };
      // Local mode: loopback receivers are allowed (any port); private addresses never.
      return { db: state.db, management: client.management, gateway, bus, webhookPolicy: { allowLoopback: true } };
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
const { rotateSigningSecret } = await import("./secrets");
const gatewayRun = await import("@/app/api/novita/v1/[route]/run/route");
const jobsRoute = await import("@/app/api/v1/jobs/route");
const runsRoute = await import("@/app/api/v1/workflows/[id]/runs/route");

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let endpointId = "";
let workflowId = "";
const tokens = { withSecret: "", withoutSecret: "" };

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

function post(handler: Handler, token: string, body: unknown, params: object) {
  const request = new Request("http://localhost/api/x", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return handler(request, { params: Promise.resolve(params) as Promise<never> });
}

async function jobCount() {
  const [row] = await database!.db.select({ value: count() }).from(schema.jobs);
  return row!.value;
}

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "webhook-submit-"));
  database = (await openTestDatabase("pglite"))!;
  state.db = database.db;
  sandbox = await startSandbox({
    port: 0,
    apiKey: "sk_webhook_test_key_0000000",
    dataDir: undefined,
    coldStartMs: 20,
    endpointStartupMs: 20,
    tickMs: 10,
    retentionMs: 60_000,
  });
  const client = createNovitaClient({
    apiKey: "sk_webhook_test_key_0000000",
    apiBaseUrl: sandbox.managementBaseUrl,
    jobsBaseUrl: sandbox.jobsBaseUrl,
    gpusBaseUrl: sandbox.gpusV2BaseUrl,
    retry: { maxRetries: 0 },
  });
  state.client = client;
  ({ id: endpointId } = await client.management.createEndpoint(makeEndpointSpec()));
  const auth = createAuth(database.db, { secret: "x".repeat(40), baseURL: "http://localhost:3000" });
  await database.db.insert(schema.users).values([
    { id: "OTTO", name: "Otto", email: "otto@example.com", role: "operator" },
    { id: "OLGA", name: "Olga", email: "olga@example.com", role: "operator" },
  ]);
  const owner = (id: string) => ({ id, name: id, email: `${id}@example.com`, role: "operator" as const });
  const make = async (id: string) =>
    (await createToken(auth, owner(id), { name: `${id}-ci`, role: "operator", expires: "never" })).key;
  tokens.withSecret = await make("OTTO");
  tokens.withoutSecret = await make("OLGA");
  const { consoleSecret } = await import("@/lib/config");
  await rotateSigningSecret(database.db, consoleSecret(), "OTTO");
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

/** The three ways to ask for a run, each with `webhook` in its body. */
const submits: [string, (token: string, webhook: string) => Promise<Response>][] = [
  [
    "gateway run",
    (token, webhook) => post(gatewayRun.POST, token, { input: { prompt: "x" }, webhook }, { route: endpointId }),
  ],
  [
    "REST job send",
    (token, webhook) => post(jobsRoute.POST, token, { endpointId, input: { prompt: "x" }, webhook }, {}),
  ],
  ["workflow run", (token, webhook) => post(runsRoute.POST, token, { inputs: {}, webhook }, { id: workflowId })],
];

describe.each(submits)("webhook on %s", (_name, submit) => {
  it("refuses a private, link-local or credentialed URL with 400, writing and sending nothing", async () => {
    for (const [url, message] of [
      ["http://10.0.0.7/hook", /10\.0\.0\.7:80: a private address/],
      ["http://169.254.169.254/latest", /a private address/],
      ["https://user:secret@example.com/hook", /credentials/],
      ["not a url", /absolute http\(s\) URL/],
    ] as const) {
      const before = { jobs: await jobCount(), runs: state.runs };
      const response = await submit(tokens.withSecret, url);
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(message);
      expect({ jobs: await jobCount(), runs: state.runs }).toEqual(before);
    }
  });

  it("refuses a caller without a signing secret with 400, writing and sending nothing", async () => {
    const before = { jobs: await jobCount(), runs: state.runs };
    const response = await submit(tokens.withoutSecret, "http://127.0.0.1:9/hook");
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain(
      "Create a webhook signing secret first (Settings → API tokens).",
    );
    expect({ jobs: await jobCount(), runs: state.runs }).toEqual(before);
  });

  it("accepts a loopback receiver in local mode and keeps the URL and owner on the ledger row", async () => {
    const before = await jobCount();
    const response = await submit(tokens.withSecret, "http://127.0.0.1:45999/hook");
    expect(response.status).toBe(200);
    expect(await jobCount()).toBe(before + 1);
    const [row] = await database!.db
      .select()
      .from(schema.jobs)
      .where(eq(schema.jobs.webhookUrl, "http://127.0.0.1:45999/hook"))
      .orderBy(schema.jobs.submittedAt);
    expect(row).toMatchObject({ webhookOwner: "OTTO", webhookState: "pending", submittedBy: "OTTO" });
    await database!.db
      .update(schema.jobs)
      .set({ webhookUrl: "http://127.0.0.1:45999/done" })
      .where(eq(schema.jobs.id, row!.id));
  });
});
