import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { SandboxManagement, uniqueName } from "./support/endpoints-sandbox";
import { rolesConsole } from "./support/roles-console";
import { OPERATOR, VIEWER } from "./support/users";

const BOOT_ADMIN = { name: "Ops Admin", email: "roles-admin@example.com", password: "roles admin password" };
const port = Number(process.env.E2E_PORT ?? 3100) + 7;

/** A server-action request as the admin's browser sent it. */
interface RecordedAction {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Records the server-action requests `page` sends (those whose body includes `bodyIncludes`, when given); the
 * returned function gives the last one. With `abort`, they are recorded instead of sent.
 */
async function recordActions(
  page: Page,
  options: { abort: boolean; bodyIncludes?: string },
): Promise<() => RecordedAction | undefined> {
  let recorded: RecordedAction | undefined;
  await page.route("**/*", async (route) => {
    const request = route.request();
    const isAction =
      request.method() === "POST" &&
      Boolean(request.headers()["next-action"]) &&
      (options.bodyIncludes === undefined || Boolean(request.postData()?.includes(options.bodyIncludes)));
    if (isAction) {
      recorded = { url: request.url(), headers: await request.allHeaders(), body: request.postData() ?? "" };
    }
    if (isAction && options.abort) await route.abort();
    else await route.fallback();
  });
  return () => recorded;
}

/** Sends a recorded server-action request again, with the cookies of whoever `api` belongs to. */
function replay(api: APIRequestContext, recorded: RecordedAction, origin: string) {
  return api.post(recorded.url, {
    headers: {
      "next-action": recorded.headers["next-action"]!,
      "next-router-state-tree": recorded.headers["next-router-state-tree"] ?? "",
      "content-type": recorded.headers["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin,
    },
    data: recorded.body,
  });
}

test.describe("who may do what with endpoints and jobs", () => {
  const server = rolesConsole({ name: "roles", port, admin: BOOT_ADMIN });
  let sandbox: SandboxManagement;

  test.beforeAll(() => {
    sandbox = SandboxManagement.at(port + 1000, server.dataDir);
  });

  test("with no endpoints, the admin is offered Create endpoint; viewers and operators are told to ask one", async ({
    browser,
  }) => {
    const admin = await server.signedIn(browser, BOOT_ADMIN);
    await admin.goto(`${server.baseURL}/endpoints`);
    await expect(admin.getByRole("heading", { name: "No endpoints yet" })).toBeVisible();
    await expect(admin.getByRole("link", { name: "Create endpoint" })).toHaveCount(2); // header and empty state

    for (const member of [VIEWER, OPERATOR]) {
      const page = await server.signedIn(browser, member);
      await page.goto(`${server.baseURL}/endpoints`);
      await expect(page.getByRole("heading", { name: "No endpoints yet" })).toBeVisible();
      await expect(page.getByText("Ask an administrator to create one")).toBeVisible();
      await expect(page.getByRole("link", { name: "Create endpoint" })).toHaveCount(0);
      await page.context().close();
    }
    await admin.context().close();
  });

  test("a viewer only looks; an operator scales but neither creates nor deletes", async ({ browser }) => {
    const name = uniqueName("roles");
    const id = await sandbox.createEndpoint(name);

    const viewer = await server.signedIn(browser, VIEWER);
    await viewer.goto(`${server.baseURL}/endpoints`);
    await expect(viewer.getByRole("link", { name, exact: true })).toBeVisible();
    await expect(viewer.getByRole("link", { name: "Create endpoint" })).toHaveCount(0);
    await viewer.goto(`${server.baseURL}/endpoints/${id}`);
    await expect(viewer.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(viewer.getByRole("form", { name: "Quick scale" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Scale to zero" })).toHaveCount(0);
    await expect(viewer.getByRole("tab", { name: "Danger zone" })).toHaveCount(0);
    await viewer.goto(`${server.baseURL}/endpoints/${id}?tab=danger`);
    await expect(viewer.getByRole("button", { name: "Delete endpoint" })).toHaveCount(0);

    const operator = await server.signedIn(browser, OPERATOR);
    await operator.goto(`${server.baseURL}/endpoints`);
    await expect(operator.getByRole("link", { name: "Create endpoint" })).toHaveCount(0);
    await operator.goto(`${server.baseURL}/endpoints/${id}`);
    await expect(operator.getByRole("tab", { name: "Danger zone" })).toHaveCount(0);
    await operator.getByLabel("Max workers").fill("3");
    await operator.getByRole("button", { name: "Apply" }).click();
    await expect(operator.getByText("Scaled to 0–3 workers.")).toBeVisible();
    expect((await sandbox.getEndpoint(id))?.workerConfig.maxNum).toBe(3);
    await viewer.context().close();
    await operator.context().close();
  });

  test("a delete forced by a viewer or an operator is refused with 403, and the endpoint stays", async ({
    browser,
    playwright,
  }) => {
    const name = uniqueName("forced");
    const id = await sandbox.createEndpoint(name);

    // Record the admin's real delete request without letting it through.
    const admin = await server.signedIn(browser, BOOT_ADMIN);
    const recorded = await recordActions(admin, { abort: true });
    await admin.goto(`${server.baseURL}/endpoints/${id}?tab=danger`);
    await admin.getByLabel(`Type ${name} to confirm`).fill(name);
    await admin.getByRole("button", { name: "Delete endpoint" }).click();
    await expect.poll(recorded).toBeDefined();
    await expect(admin.getByRole("alert").filter({ hasText: "The delete did not go through" })).toBeVisible();
    expect(recorded()!.body).toContain(name);

    for (const member of [VIEWER, OPERATOR]) {
      const page = await server.signedIn(browser, member);
      const api = await playwright.request.newContext({ storageState: await page.context().storageState() });
      const forced = await replay(api, recorded()!, server.baseURL);
      expect(forced.status(), `${member.role}'s forced delete`).toBe(403);
      await api.dispose();
      await page.context().close();
    }
    expect((await sandbox.getEndpoint(id))?.name).toBe(name);
    await admin.context().close();
  });

  test("a viewer sees jobs but cannot send, cancel or resubmit; a forced send is refused and sends nothing", async ({
    browser,
    playwright,
  }) => {
    const name = uniqueName("jobs-roles");
    const id = await sandbox.createEndpoint(name, { image: "example/sleep-worker:1", minNum: 0, maxNum: 1 });

    // The admin sends a job; the send action's request is recorded on its way through.
    const admin = await server.signedIn(browser, BOOT_ADMIN);
    const recorded = await recordActions(admin, { abort: false, bodyIncludes: id });
    await admin.goto(`${server.baseURL}/jobs/new?endpoint=${id}`);
    await admin.getByLabel("Job input (JSON)").fill('{"seconds": 30}');
    await admin.getByRole("button", { name: "Send job" }).click();
    await admin.waitForURL(/\/jobs\/(?!new)[^/?]+$/);
    const jobPath = new URL(admin.url()).pathname;
    expect(recorded()).toBeDefined();
    const jobCount = async () =>
      (
        (await (await admin.request.get(`${server.baseURL}/api/jobs?endpoint=${id}`)).json()) as {
          counts: { all: number };
        }
      ).counts.all;
    expect(await jobCount()).toBe(1);

    const viewer = await server.signedIn(browser, VIEWER);
    await viewer.goto(`${server.baseURL}/jobs`);
    await expect(viewer.getByRole("row").filter({ hasText: name })).toHaveCount(1);
    await expect(viewer.getByRole("link", { name: "Send job" })).toHaveCount(0);
    await expect(viewer.getByRole("checkbox")).toHaveCount(0);
    await viewer.goto(`${server.baseURL}${jobPath}`);
    await expect(viewer.getByRole("status", { name: /^Status:/ })).toBeVisible();
    for (const action of ["Cancel job", "Resubmit"])
      await expect(viewer.getByRole("button", { name: action })).toHaveCount(0);
    await expect(viewer.getByRole("link", { name: "Edit and resubmit" })).toHaveCount(0);
    await viewer.goto(`${server.baseURL}/jobs/new`);
    await expect(viewer.getByRole("heading", { name: "Your role cannot do this" })).toBeVisible();

    const api = await playwright.request.newContext({ storageState: await viewer.context().storageState() });
    const forced = await replay(api, recorded()!, server.baseURL);
    expect(forced.status(), "viewer's forced send").toBe(403);
    await api.dispose();
    expect(await jobCount()).toBe(1);
    await viewer.context().close();
    await admin.context().close();
  });
});
