import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./support/accounts";

/**
 * Issue 12, finding 4, through real HTTP: a NUL byte (or any control character) in a text filter, a malformed
 * keyset cursor or an `[id]` answers 400 naming the parameter (it was a 500 from Postgres or a RangeError), and a
 * server action whose body is over the limit answers 413 even signed out (Next itself answers 500).
 */

const TEXT_PARAMETERS: [path: string, parameter: string][] = [
  ["/api/jobs", "q"],
  ["/api/jobs", "endpoint"],
  ["/api/jobs", "submitter"],
  ["/api/outputs", "q"],
  ["/api/outputs", "endpoint"],
  ["/api/outputs", "workflow"],
  ["/api/outputs", "job"],
  ["/api/audit/export", "person"],
  ["/api/audit/export", "action"],
  ["/api/audit/export", "target"],
];

const ID_PATHS = [
  "/api/jobs/%00",
  "/api/outputs/%00",
  "/api/outputs/%00/details",
  "/api/outputs/%00/thumbnail",
  "/api/endpoints/%00",
  "/api/endpoints/ep%00x/health",
];

interface ErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string> };
}

async function errorOf(api: APIRequestContext, url: string): Promise<{ status: number; body: ErrorBody }> {
  const response = await api.get(url);
  const body = response.headers()["content-type"]?.includes("json") ? ((await response.json()) as ErrorBody) : {};
  return { status: response.status(), body };
}

/**
 * What the console holds, as an admin reads it: how many jobs
 * (all tabs: a job finishing moves between them) and audit rows.
 */
async function snapshot(api: APIRequestContext) {
  const jobs = (await (await api.get("/api/jobs?limit=1")).json()) as { counts: { all: number } };
  const audit = await (await api.get("/api/audit/export")).text();
  return { jobs: jobs.counts.all, auditRows: audit.trim().split("\n").length };
}

/** The sign-in action's id, from the page's own request (stopped in the browser: no sign-in attempt is made). */
async function signInActionId(page: Page): Promise<string> {
  let actionId: string | undefined;
  await page.route("**/login*", async (route) => {
    const id = route.request().headers()["next-action"];
    if (route.request().method() !== "POST" || !id) return route.fallback();
    actionId = id;
    await route.abort();
  });
  await page.goto("/login");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not a password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect.poll(() => actionId).toBeDefined();
  await page.unroute("**/login*");
  return actionId!;
}

test.describe("bad input to the API answers 400 naming the parameter", () => {
  test("control characters in every text filter, malformed cursors and ids; nothing changes", async ({ page }) => {
    await signIn(page, ADMIN);
    const api = page.request;
    const before = await snapshot(api);

    for (const [path, parameter] of TEXT_PARAMETERS) {
      for (const value of ["%00", "red%00apple", "%0a", "%1f", "%7f"]) {
        const { status, body } = await errorOf(api, `${path}?${parameter}=${value}`);
        expect(status, `${path}?${parameter}=${value}`).toBe(400);
        expect(body.error?.code).toBe("invalid");
        expect(Object.keys(body.error?.fields ?? {}), `${path}?${parameter}=${value}`).toEqual([parameter]);
      }
    }

    for (const url of [
      "/api/jobs?after=x%7Cy",
      "/api/jobs?after=x",
      "/api/jobs?after=2024-01-01T00:00:00.000Z%7Cjob%00",
      "/api/outputs?after=x%7Cy",
      "/api/outputs?after=2024-01-01T00:00:00.000Z%7Cout%00",
    ]) {
      const { status, body } = await errorOf(api, url);
      expect(status, url).toBe(400);
      expect(Object.keys(body.error?.fields ?? {}), url).toEqual(["after"]);
    }

    for (const url of ID_PATHS) {
      const { status, body } = await errorOf(api, url);
      expect(status, url).toBe(400);
      if (body.error) expect(Object.keys(body.error.fields ?? {}), url).toEqual(["id"]);
    }

    // The cursors the lists give out still work, and so do ordinary filters.
    const jobs = await api.get("/api/jobs?limit=1&q=caf%C3%A9%20%E6%9D%B1%E4%BA%AC");
    expect(jobs.status()).toBe(200);
    const firstPage = (await (await api.get("/api/jobs?limit=1")).json()) as { next: string | null };
    if (firstPage.next)
      expect((await api.get(`/api/jobs?limit=1&after=${encodeURIComponent(firstPage.next)}`)).status()).toBe(200);
    expect((await api.get("/api/outputs?limit=1&q=portrait")).status()).toBe(200);
    expect((await api.get("/api/audit/export?person=ada")).status()).toBe(200);

    expect(await snapshot(api)).toEqual(before);
  });
});

test.describe("server-action bodies", () => {
  test("a body over the limit answers 413 signed out, before the framework reads it", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const actionId = await signInActionId(page);
    const anonymous = await playwright.request.newContext({ baseURL });
    for (const [path, id] of [
      ["/login", actionId],
      ["/", "00".repeat(21)],
    ] as const) {
      const response = await anonymous.post(path, {
        headers: {
          "next-action": id,
          "content-type": "text/plain;charset=UTF-8",
          accept: "text/x-component",
          origin: baseURL!,
        },
        data: "x".repeat(7 * 1024 * 1024),
      });
      expect(response.status(), `POST ${path}`).toBe(413);
    }
    expect((await anonymous.get("/api/health")).status()).toBe(200);
    await anonymous.dispose();
  });

  test("a deeply nested body is the framework's to refuse (docs/decisions.md); the console keeps serving", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const actionId = await signInActionId(page);
    const anonymous = await playwright.request.newContext({ baseURL });
    const depth = 200_000;
    const response = await anonymous.post("/login", {
      headers: {
        "next-action": actionId,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: baseURL!,
      },
      data: `${"[".repeat(depth)}${"]".repeat(depth)}`,
    });
    // Next 16 answers what decoding the reply gives it (a 500 when it throws); nothing of ours has run.
    expect(response.status()).toBeGreaterThanOrEqual(200);
    expect(await response.text()).not.toMatch(/at .+\.js:\d+/);
    expect((await anonymous.get("/api/health")).status()).toBe(200);
    expect((await anonymous.get("/api/me")).status()).toBe(401);
    await anonymous.dispose();
  });
});
