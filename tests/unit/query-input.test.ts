/**
 * Issue 12, finding 4: bad input to the app/api route handlers answers 400 naming the parameter, never 500.
 * A NUL byte in a text filter used to reach Postgres ("invalid byte sequence for encoding UTF8: 0x00") and a
 * malformed keyset cursor `new Date()` (RangeError); both were 500s. The handlers are called for real (the real
 * guard, a real PGlite database, a signed-in admin); only the session lookup and the database handle are replaced,
 * as in guards.test.ts. Nothing may change in the database and nothing may go upstream.
 */
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import * as schema from "@/lib/db/schema";
import { parseAuditFilters } from "@/lib/audit/filters";
import { consoleDatabaseForTestFile, countUpstreamCalls, rowCounts } from "@/tests/support/console";

const { mocked: state, ...mocks } = await vi.hoisted(() => import("@/tests/support/next-mocks"));
vi.mock("@/lib/auth/session", mocks.sessionModule);
vi.mock("@/lib/db/client", mocks.databaseModule);
vi.mock("next/headers", mocks.nextHeadersModule);

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ADMIN: SessionUser = { id: "ADMIN", name: "Ada", email: "ada@example.com", role: "admin" };
const APP = path.resolve(__dirname, "..", "..", "app", "api");

async function handler(route: string): Promise<Handler> {
  return ((await import(/* @vite-ignore */ path.join(APP, route))) as { GET: Handler }).GET;
}

interface Answer {
  status: number;
  body: { error?: { code?: string; message?: string; fields?: Record<string, string> } } | undefined;
  thrown?: string;
}

/** Calls a handler as Next would; a thrown error is what Next answers 500 for. */
async function call(
  route: string,
  query: Record<string, string> = {},
  params: Record<string, string> = { id: "ep-1" },
): Promise<Answer> {
  const url = new URL("http://localhost/api/x");
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  try {
    const response = await (await handler(route))(new Request(url), { params: Promise.resolve(params) });
    const body = response.headers.get("content-type")?.includes("json")
      ? ((await response.json()) as Answer["body"])
      : undefined;
    return { status: response.status, body };
  } catch (error) {
    return {
      status: 500,
      body: undefined,
      thrown: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}

/** The free-text query parameters of every route handler that reads any. */
const TEXT_PARAMETERS: [route: string, parameter: string][] = [
  ["jobs/route.ts", "q"],
  ["jobs/route.ts", "endpoint"],
  ["jobs/route.ts", "submitter"],
  ["outputs/route.ts", "q"],
  ["outputs/route.ts", "endpoint"],
  ["outputs/route.ts", "workflow"],
  ["outputs/route.ts", "job"],
  ["audit/export/route.ts", "person"],
  ["audit/export/route.ts", "action"],
  ["audit/export/route.ts", "target"],
];

/** Every route handler with an `[id]` in its path. */
const ID_ROUTES = [
  "jobs/[id]/route.ts",
  "outputs/[id]/route.ts",
  "outputs/[id]/details/route.ts",
  "outputs/[id]/thumbnail/route.ts",
  "endpoints/[id]/route.ts",
  "endpoints/[id]/health/route.ts",
];

const CONTROL_CHARACTERS = [
  "\u0000",
  "red\u0000apple",
  "\u0007",
  "a\nb",
  "trailing\n",
  "\ttab",
  "\n",
  "\t",
  "\u001f",
  "\u007f",
];

describe("bad input to the app/api route handlers", () => {
  const database = consoleDatabaseForTestFile("query-input-");
  const upstream = countUpstreamCalls();

  beforeAll(async () => {
    state.user = ADMIN;
    await database.db
      .insert(schema.users)
      .values({ id: "ADMIN", name: "Ada", email: "ada@example.com", role: "admin" });
  });

  it.each(TEXT_PARAMETERS)(
    "%s?%s= with a control character answers 400 naming the parameter",
    async (route, parameter) => {
      const before = await rowCounts(database.db);
      for (const value of CONTROL_CHARACTERS) {
        const answer = await call(route, { [parameter]: value });
        expect(answer, `${route}?${parameter}=${JSON.stringify(value)} ${answer.thrown ?? ""}`).toMatchObject({
          status: 400,
          body: { error: { code: "invalid", fields: { [parameter]: expect.any(String) } } },
        });
        expect(answer.body!.error!.message).toContain(parameter);
      }
      expect(await rowCounts(database.db)).toEqual(before);
    },
  );

  it.each([
    ["jobs/route.ts", "x|y"],
    ["jobs/route.ts", "x"],
    ["jobs/route.ts", "2024-13-45T99:00:00Z|job-1"],
    ["jobs/route.ts", "2024-01-01T00:00:00.000Z|"],
    ["jobs/route.ts", "2024-01-01T00:00:00.000Z|job\u00001"],
    ["jobs/route.ts", "2024-01-01T00:00:00.000Z|a|b"],
    ["outputs/route.ts", "x|y"],
    ["outputs/route.ts", "2024-01-01T00:00:00.000Z|out\u00001"],
    ["outputs/route.ts", "not a cursor"],
  ])("%s?after=%j answers 400 naming `after`", async (route, value) => {
    const answer = await call(route, { after: value });
    expect(answer, answer.thrown).toMatchObject({
      status: 400,
      body: { error: { code: "invalid", fields: { after: expect.any(String) } } },
    });
  });

  it.each(ID_ROUTES)(
    "%s with a control character in its id answers 400 naming `id`, and nothing goes upstream",
    async (route) => {
      const before = upstream.calls;
      for (const value of ["\u0000", "ep\u00001", "a\nb"]) {
        const answer = await call(route, {}, { id: value });
        expect(answer, `${route} id=${JSON.stringify(value)} ${answer.thrown ?? ""}`).toMatchObject({
          status: 400,
          body: { error: { code: "invalid", fields: { id: expect.any(String) } } },
        });
      }
      expect(upstream.calls).toBe(before);
    },
  );

  it("still answers ordinary filters and the cursors the lists give out", async () => {
    expect(
      (await call("jobs/route.ts", { q: "café 東京 — red apple", endpoint: "ep-1", submitter: "ADMIN" })).status,
    ).toBe(200);
    expect((await call("jobs/route.ts", { after: "2024-01-01T00:00:00.000Z|job-1" })).status).toBe(200);
    expect(
      (
        await call("outputs/route.ts", {
          q: "portrait",
          workflow: "wf-1",
          job: "job-1",
          after: "2024-01-01T00:00:00.000Z|out-1",
        })
      ).status,
    ).toBe(200);
    expect((await call("audit/export/route.ts", { person: "ada", action: "member.", target: "endpoint" })).status).toBe(
      200,
    );
    expect((await call("jobs/[id]/route.ts", {}, { id: "no-such-job" })).status).toBe(404);
    expect((await call("outputs/[id]/details/route.ts", {}, { id: "no-such-output" })).status).toBe(404);
  });

  it("the audit page reads the same filters but leaves one it cannot use out, instead of failing", () => {
    expect(parseAuditFilters({ person: "a\u0000b", action: "member.", target: "x".repeat(201) })).toEqual({
      action: "member.",
    });
    expect(parseAuditFilters({ person: "  ", action: " member. " })).toEqual({ action: "member." });
  });
});
