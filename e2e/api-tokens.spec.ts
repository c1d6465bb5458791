import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { createToken, gateway } from "./support/tokens";
import { signIn } from "./support/accounts";
import { forEachScreen } from "./support/screens";
import { SandboxManagement, uniqueName } from "./support/endpoints-sandbox";

test.describe("console API tokens and the Novita-compatible gateway", () => {
  let sandbox: SandboxManagement;
  let endpointId: string;

  test.beforeAll(async () => {
    sandbox = SandboxManagement.ofTestServer();
    endpointId = await sandbox.createEndpoint(uniqueName("gateway-echo"), {
      image: "example/echo-worker:1",
      minNum: 0,
      maxNum: 2,
    });
  });
  test.afterAll(async () => {
    if (await sandbox.getEndpoint(endpointId)) await sandbox.deleteEndpoint(endpointId);
  });

  test("a token made in Settings sends a job from a script; it shows up live as yours; revoked, it is refused", async ({
    page,
  }) => {
    await signIn(page);
    const token = await createToken(page, uniqueName("render-script"), "Operator");
    // The page never shows the key again after a reload.
    await page.reload();
    await expect(page.getByRole("textbox", { name: "New token" })).toHaveCount(0);
    expect(await page.content()).not.toContain(token);

    await page.goto("/jobs");
    await expect(page.getByRole("heading", { name: "Jobs" })).toBeVisible();

    const run = await gateway(token, "POST", `/${endpointId}/run`, { input: { prompt: "from a script" } });
    expect(run.status).toBe(200);
    expect(Object.keys(run.json).sort()).toEqual(["id", "status"]);
    const id = String(run.json.id);

    // Live, without a reload, attributed to the token's owner.
    const row = page.getByRole("row").filter({ hasText: id.slice(0, 8) });
    await expect(row).toBeVisible({ timeout: 15_000 });
    await expect(row).toContainText("You");

    let status: Record<string, unknown> = {};
    await expect(async () => {
      const answer = await gateway(token, "GET", `/${endpointId}/status/${id}`);
      expect(answer.status).toBe(200);
      status = answer.json;
      expect(status.status).toBe("COMPLETED");
    }).toPass({ timeout: 30_000 });
    expect(status).toMatchObject({ id, output: expect.anything() });
    expect(typeof status.executionTime).toBe("number");

    await page.goto(`/jobs/${id}`);
    await expect(page.getByRole("main").getByText("Ada Admin")).toBeVisible();

    const health = await gateway(token, "GET", `/${endpointId}/health`);
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ jobs: { completed: expect.any(Number) }, workers: expect.any(Object) });

    // Revoke it in the UI: the script is refused with Novita's error shape, and nothing is sent.
    await page.goto("/settings/tokens");
    const name = (await page.getByRole("table", { name: "API tokens" }).getByRole("row").nth(1).textContent()) ?? "";
    expect(name).toContain("render-script");
    await page
      .getByRole("button", { name: /^Revoke the token render-script/ })
      .first()
      .click();
    await page.getByRole("button", { name: "Revoke token" }).click();
    await expect(page.getByText(/is refused from now on/)).toBeVisible();
    const refused = await gateway(token, "POST", `/${endpointId}/run`, { input: { prompt: "after revoke" } });
    expect(refused.status).toBe(401);
    expect(refused.json).toMatchObject({ code: 401, reason: "UNAUTHORIZED", message: expect.stringMatching(/token/) });
  });

  test("a viewer token reads status but cannot submit; bad bodies and unknown routes say what is wrong", async ({
    page,
  }) => {
    await signIn(page);
    const token = await createToken(page, uniqueName("dashboard"), "Viewer");
    const submit = await gateway(token, "POST", `/${endpointId}/run`, { input: {} });
    expect(submit.status).toBe(403);
    expect(submit.json).toMatchObject({ code: 403, reason: "FORBIDDEN" });
    expect((await gateway(token, "GET", `/${endpointId}/health`)).status).toBe(200);
    expect((await gateway(token, "GET", `/${endpointId}/status/no-such-job`)).json).toMatchObject({
      code: 404,
      reason: "TASK_NOT_FOUND",
    });

    const operator = await createToken(page, uniqueName("ops"), "Operator");
    const noInput = await gateway(operator, "POST", `/${endpointId}/run`, { prompt: "no input wrapper" });
    expect(noInput.status).toBe(400);
    expect(String(noInput.json.message)).toMatch(/"input"/);
    const unknown = await gateway(operator, "POST", "/no-such-endpoint-route/run", { input: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ reason: "ENDPOINT_NOT_FOUND" });
    const response = await fetch(`${baseURL}/api/novita/v1/${endpointId}/run`, {
      method: "POST",
      headers: { authorization: `Bearer ${operator}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/not valid JSON/);
    expect((await gateway("nvc_wrong", "GET", `/${endpointId}/health`)).status).toBe(401);
  });

  test("screenshots of the API tokens page: light and dark, 1440 and 390 px", async ({ page }) => {
    test.setTimeout(90_000);
    await signIn(page);
    await createToken(page, uniqueName("screenshot"), "Viewer");
    await forEachScreen(page, async (scheme, width) => {
      await page.goto("/settings/tokens");
      await expect(page.getByRole("table", { name: "API tokens" })).toBeVisible();
      await page.screenshot({ path: `test-results/screens/api-tokens-${width}-${scheme}.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `tokens page at ${width} px`).toBeLessThanOrEqual(0);
      await page.goto(`/endpoints/${endpointId}?tab=api`);
      await expect(page.getByText("$CONSOLE_TOKEN").first()).toBeVisible();
      await page.screenshot({ path: `test-results/screens/endpoint-api-tab-${width}-${scheme}.png`, fullPage: true });
      const tabOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(tabOverflow, `API tab at ${width} px`).toBeLessThanOrEqual(0);
    });
  });
});
