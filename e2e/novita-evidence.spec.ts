/**
 * Issue 11's stories: the console answers the way the published evidence says Novita does — the serverless GPU
 * catalogue, refusals by reason, not-found as HTTP 400, and job route names found rather than assumed.
 */
import { expect, test } from "@playwright/test";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName } from "./support/endpoints-sandbox";
import { expectStep, next, openWizard } from "./support/wizard";

test.describe("Novita as the evidence describes it", () => {
  let sandbox: SandboxManagement;
  const created: string[] = [];

  test.beforeAll(() => {
    sandbox = SandboxManagement.ofTestServer();
  });

  test.afterEach(async () => {
    await sandbox.control("DELETE", "/quirks");
    await sandbox.control("DELETE", "/faults");
  });

  test.afterAll(async () => {
    for (const id of created) if (await sandbox.getEndpoint(id)) await sandbox.deleteEndpoint(id);
  });

  test("a GPU-instance product id on the Hardware step is refused by Novita, shown there; nothing is created", async ({
    page,
  }) => {
    const name = uniqueName("instance-id");
    await openWizard(page);
    await page.getByRole("radio", { name: /Sleep worker/ }).check();
    await page.getByLabel("Endpoint name").fill(name);
    await next(page);

    await expectStep(page, "Hardware");
    await page.getByRole("button", { name: "Enter a product id instead" }).click();
    await page.getByLabel("Product id").fill("4090.16c62g");
    await expect(page.getByRole("radio", { name: /RTX 4090 24GB/ })).not.toBeChecked();
    for (let step = 0; step < 4; step += 1) await next(page);
    await expectStep(page, "Review");
    await expect(page.getByRole("region", { name: "Hardware summary" })).toContainText("4090.16c62g");
    await expect(page.getByTestId("cost-at-min")).toHaveText("unknown");
    await page.getByRole("button", { name: "Deploy" }).click();

    await expectStep(page, "Hardware");
    const refusal = page.getByRole("alert").filter({ hasText: "SERVERLESS_PRODUCT_NOT_FOUND" }).first();
    await expect(refusal).toBeVisible();
    await expect(refusal).toContainText("no serverless GPU product with that id");
    await page.screenshot({ path: "test-results/evidence-instance-id-refused.png", fullPage: true });
    expect(await sandbox.endpointsNamed(name)).toEqual([]);
    expect(await page.evaluate(() => localStorage.getItem("novita-console:endpoint-draft"))).toContain(name);

    // The refusal is in the audit log with Novita's reason.
    await page.goto("/settings/audit");
    await expect(
      page
        .getByRole("row")
        .filter({ hasText: "endpoint.create" })
        .filter({ hasText: /fail|refused|error/i })
        .first(),
    ).toBeVisible();
  });

  test("when the serverless list does not answer, the wizard says so and offers the GPU-instance list instead", async ({
    page,
  }) => {
    await sandbox.control("POST", "/faults", { operation: "products.v2", mode: "error500", count: 1000 });
    await openWizard(page);
    await next(page);
    await expectStep(page, "Hardware");
    await expect(
      page.getByRole("status").filter({ hasText: "serverless GPU list (GPU API v2) did not answer" }),
    ).toBeVisible();
    await expect(page.getByRole("radio", { name: /RTX 4090 24GB/ })).toBeVisible();
    await page.screenshot({ path: "test-results/evidence-catalogue-fallback.png", fullPage: true });
  });

  test("endpoint states are Novita's, in plain words and colours, with Novita's error on hover", async ({ page }) => {
    const names = { failed: uniqueName("state-failed"), stopped: uniqueName("state-stopped") };
    const failedId = await sandbox.createEndpoint(names.failed);
    const stoppedId = await sandbox.createEndpoint(names.stopped);
    created.push(failedId, stoppedId);
    await sandbox.control("POST", "/endpoint-state", {
      endpointId: failedId,
      state: "failed",
      error: "IMAGE_PULL_FAILED",
      message: "manifest unknown",
    });
    await sandbox.control("POST", "/endpoint-state", { endpointId: stoppedId, state: "stopped" });
    await signIn(page);
    await page.goto("/endpoints?q=state-");
    const failedRow = page.getByRole("row").filter({ hasText: names.failed });
    await expect(failedRow.getByLabel("Status: Failed — IMAGE_PULL_FAILED: manifest unknown")).toBeVisible({
      timeout: 15_000,
    });
    await expect(failedRow.getByLabel(/^Status: Failed/)).toHaveAttribute("data-variant", "destructive");
    await expect(
      page.getByRole("row").filter({ hasText: names.stopped }).getByLabel("Status: Stopped"),
    ).toHaveAttribute("data-variant", "secondary");
    await page.screenshot({ path: "test-results/evidence-states.png" });
  });

  test("a deleted endpoint's page says it is gone", async ({ page }) => {
    const name = uniqueName("deleted");
    const id = await sandbox.createEndpoint(name);
    await signIn(page);
    await page.goto(`/endpoints/${id}`);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

    // Deleted behind the console's back, as in Novita's own console;
    // Novita now answers 400 SERVERLESS_ENDPOINT_NOT_FOUND.
    await sandbox.deleteEndpoint(id);
    await page.reload();
    await expect(page.getByRole("heading", { name: "This endpoint does not exist (any more)" })).toBeVisible();
    await expect(page.getByText(id)).toBeVisible();
    await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);
    await page.screenshot({ path: "test-results/evidence-endpoint-gone.png" });
  });

  test("the job route name is found, not assumed: the console learns which form answers; a person may set it", async ({
    page,
  }) => {
    // This sandbox answers only to the bare id for endpoints created without an app name.
    await sandbox.control("POST", "/quirks", { defaultAppRoute: "id" });
    const name = uniqueName("route");
    const id = await sandbox.createEndpoint(name);
    created.push(id);
    await expect.poll(async () => (await sandbox.getEndpoint(id))?.state.state, { timeout: 15_000 }).toBe("serving");
    await signIn(page);
    await page.goto(`/endpoints/${id}`);
    await expect(page.getByTestId("route-name")).toHaveText(id);
    await expect(page.getByTestId("route-name-source")).toHaveText(
      "Found by the console: Novita's job gateway answers to it.",
    );

    // A name the gateway does not know is refused, with its words, and nothing changes.
    await page.getByRole("button", { name: "Change route name" }).click();
    const dialog = page.getByRole("dialog", { name: "Job route name" });
    await dialog.getByLabel("Route name").fill(`${id}-nope`);
    await dialog.getByRole("button", { name: "Check and save" }).click();
    await expect(dialog.getByRole("alert")).toContainText(`does not answer to "${id}-nope"`);
    await expect(dialog.getByRole("alert")).toContainText("Nothing was saved");
    await page.screenshot({ path: "test-results/evidence-route-refused.png" });

    // One it knows is kept, and the page says it was set by hand; clearing it goes back to the learned one.
    await dialog.getByLabel("Route name").fill(id);
    await dialog.getByRole("button", { name: "Check and save" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("route-name-source")).toHaveText("Set by hand; the console uses only this name.");
    await page.getByRole("button", { name: "Change route name" }).click();
    await dialog.getByRole("button", { name: "Let the console find it" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("route-name-source")).toHaveText(
      "Found by the console: Novita's job gateway answers to it.",
    );
  });

  test("a job for an endpoint that answers only to its bare id is queued once, on that name, and completes", async ({
    page,
  }) => {
    await sandbox.control("POST", "/quirks", { defaultAppRoute: "id" });
    const name = uniqueName("route-job");
    const id = await sandbox.createEndpoint(name, { image: "example/echo-worker:1" });
    created.push(id);
    await expect.poll(async () => (await sandbox.getEndpoint(id))?.state.state, { timeout: 15_000 }).toBe("serving");
    const jobsQueued = async () => ((await sandbox.control("GET", "/state")) as { jobs: number }).jobs;
    const before = await jobsQueued();

    await signIn(page);
    await page.goto("/jobs/new");
    await page.getByLabel("Endpoint", { exact: true }).click();
    await page.getByRole("option", { name: new RegExp(name) }).click();
    await page.getByLabel("Job input (JSON)").fill('{"hello": "route"}');
    await page.getByRole("button", { name: "Send job" }).click();
    await page.waitForURL(/\/jobs\/(?!new)[^/?]+$/);
    await expect(page.getByRole("status", { name: /^Status:/ })).toHaveAccessibleName("Status: Completed", {
      timeout: 30_000,
    });
    // Whether the name was learned from /health on the way (the endpoint list asks it) or by the run itself, the
    // job was queued exactly once.
    expect((await jobsQueued()) - before).toBe(1);

    await page.goto(`/endpoints/${id}`);
    await expect(page.getByTestId("route-name")).toHaveText(id);
    await expect(page.getByTestId("route-name-source")).toHaveText(
      "Found by the console: Novita's job gateway answers to it.",
    );
  });
});
