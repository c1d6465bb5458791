import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName, WORKER_IMAGES } from "./support/endpoints-sandbox";
import { sandboxWorkers } from "./support/jobs-sandbox";
import { forEachScreen } from "./support/screens";

const editor = (page: Page) => page.getByLabel("Job input (JSON)");
const jobStatus = (page: Page) => page.getByRole("status", { name: /^Status:/ });
const JOB_URL = /\/jobs\/(?!new)([^/?]+)$/;

async function sendJob(page: Page, endpointId: string, input: string): Promise<string> {
  await page.goto(`/jobs/new?endpoint=${endpointId}`);
  await editor(page).fill(input);
  await page.getByRole("button", { name: "Send job" }).click();
  await page.waitForURL(JOB_URL);
  return JOB_URL.exec(new URL(page.url()).pathname)![1]!;
}

test.describe("one job", () => {
  let sandbox: SandboxManagement;
  let echoId: string;
  let pausedId: string;

  test.beforeAll(async () => {
    sandbox = SandboxManagement.ofTestServer();
    echoId = await sandbox.createEndpoint(uniqueName("job-echo"), { image: WORKER_IMAGES.echo, minNum: 0, maxNum: 2 });
    pausedId = await sandbox.createEndpoint(uniqueName("job-paused"), {
      image: WORKER_IMAGES.sleep,
      minNum: 0,
      maxNum: 1,
    });
    await sandboxWorkers("pause", pausedId);
  });

  test.afterAll(async () => {
    await sandboxWorkers("resume", pausedId).catch(() => undefined);
    for (const id of [echoId, pausedId]) if (await sandbox.getEndpoint(id)) await sandbox.deleteEndpoint(id);
  });

  test("cancel a queued job", async ({ page }) => {
    await signIn(page);
    await sendJob(page, pausedId, '{"seconds": 1}');
    await expect(jobStatus(page)).toHaveAccessibleName(/Status: (Submitting|Queued)/);
    await page.getByRole("button", { name: "Cancel job" }).click();
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Cancelled", { timeout: 15_000 });
    await expect(page.getByRole("button", { name: "Cancel job" })).toHaveCount(0);
    await expect(page.getByRole("listitem", { name: "Cancelled: reached" })).toBeVisible();
  });

  test("a failed job shows the worker's error as text and can be resubmitted", async ({ page }) => {
    await signIn(page);
    const first = await sendJob(page, echoId, '{"error": "boom <b>not bold</b>"}');
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Failed", { timeout: 15_000 });
    const error = page.getByRole("region", { name: "Worker error" });
    await expect(error).toContainText("boom <b>not bold</b>");
    await expect(error.locator("b")).toHaveCount(0);
    await expect(page.getByRole("listitem", { name: "Failed: reached" })).toBeVisible();

    await page.getByRole("button", { name: "Resubmit" }).click();
    await page.waitForURL((url) => JOB_URL.test(url.pathname) && !url.pathname.endsWith(first));
    await expect(page.getByRole("link", { name: `job ${first.slice(0, 8)}` })).toHaveAttribute(
      "href",
      `/jobs/${first}`,
    );
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Failed", { timeout: 15_000 });
  });

  test("edit and resubmit: the editor opens prefilled and the new job completes with the new output", async ({
    page,
  }) => {
    await signIn(page);
    const first = await sendJob(page, echoId, '{"error": "boom"}');
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Failed", { timeout: 15_000 });
    await page.getByRole("link", { name: "Edit and resubmit" }).click();
    await page.waitForURL(`**/jobs/new?from=${first}`);
    await expect(page.getByRole("heading", { name: "Edit and resubmit" })).toBeVisible();
    await expect(editor(page)).toContainText('"error": "boom"');
    await editor(page).fill('{"prompt": "a green pear"}');
    await page.getByRole("button", { name: "Resubmit" }).click();
    await page.waitForURL((url) => JOB_URL.test(url.pathname) && !url.pathname.endsWith(first));
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Completed", { timeout: 15_000 });
    await expect(page.getByRole("list", { name: "Output", exact: true })).toContainText('"a green pear"');
    await expect(page.getByRole("link", { name: `job ${first.slice(0, 8)}` })).toBeVisible();
  });

  test("an unknown job says so", async ({ page }) => {
    await signIn(page);
    await page.goto("/jobs/no-such-job");
    await expect(page.getByRole("heading", { name: "Job not found" })).toBeVisible();
    await expect(page.getByText("no-such-job")).toBeVisible();
  });

  test("a job waiting over 30 s says why it is stuck, live; screenshots", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await sendJob(page, pausedId, '{"seconds": 1, "note": "waits behind a paused worker"}');
    await expect(page.getByRole("heading", { name: "Why is it stuck?" })).toBeVisible({ timeout: 45_000 });
    await expect(page.getByRole("region", { name: "Why is it stuck?" })).toContainText(/It has waited \d+ s\./);
    await expect(page.getByRole("region", { name: "Why is it stuck?" })).toContainText("Fix:");
    await forEachScreen(page, async (scheme, width) => {
      await page.reload();
      await expect(page.getByRole("heading", { name: "Why is it stuck?" })).toBeVisible();
      await page.screenshot({
        path: `test-results/screens/jobs-details-stuck-${width}-${scheme}.png`,
        fullPage: true,
      });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `details at ${width} px`).toBeLessThanOrEqual(0);
    });
  });

  test("screenshots of a finished job with an image: light and dark, 1440 and 390 px", async ({ page }) => {
    test.setTimeout(90_000);
    const comfyId = await sandbox.createEndpoint(uniqueName("job-comfy"), {
      image: WORKER_IMAGES.comfyui,
      minNum: 0,
      maxNum: 1,
    });
    try {
      await signIn(page);
      await page.goto(`/jobs/new?endpoint=${comfyId}`);
      await expect(editor(page)).toContainText("output_node_id");
      await page.getByRole("button", { name: "Send job" }).click();
      await page.waitForURL(JOB_URL);
      await expect(jobStatus(page)).toHaveAccessibleName("Status: Completed", { timeout: 60_000 });
      await forEachScreen(page, async (scheme, width) => {
        await page.reload();
        await expect(page.getByRole("list", { name: "Output images" }).getByRole("img")).toBeVisible();
        await page.screenshot({ path: `test-results/screens/jobs-details-${width}-${scheme}.png`, fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `details at ${width} px`).toBeLessThanOrEqual(0);
      });
    } finally {
      await sandbox.deleteEndpoint(comfyId);
    }
  });
});
