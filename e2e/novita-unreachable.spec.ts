import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName, WORKER_IMAGES } from "./support/endpoints-sandbox";
import { forEachScreen } from "./support/screens";

const jobStatus = (page: Page) => page.getByRole("status", { name: /^Status:/ });
const DOWN_MS = 20_000;

test.describe("Novita unreachable", () => {
  let sandbox: SandboxManagement;
  let endpointId: string;
  let endpointName: string;

  test.beforeAll(async () => {
    sandbox = SandboxManagement.ofTestServer();
    endpointName = uniqueName("unreachable-sleep");
    endpointId = await sandbox.createEndpoint(endpointName, { image: WORKER_IMAGES.sleep, minNum: 1, maxNum: 1 });
  });
  test.afterAll(async () => {
    if (await sandbox.getEndpoint(endpointId).catch(() => undefined)) await sandbox.deleteEndpoint(endpointId);
  });

  test("the header says since when, pages still load, a running job is not failed; back, it clears and the job completes", async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await signIn(page);
    await page.goto("/jobs/new");
    await page.getByLabel("Endpoint", { exact: true }).click();
    await page.getByRole("option", { name: new RegExp(endpointName) }).click();
    await page.getByLabel("Job input (JSON)").fill(JSON.stringify({ seconds: 30, tag: `unreachable ${Date.now()}` }));
    await page.getByRole("button", { name: "Send job" }).click();
    // One job sent: its page opens.
    await page.waitForURL(/\/jobs\/(?!new)[^/?]+$/, { timeout: 20_000 });
    const jobUrl = page.url();
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Running", { timeout: 20_000 });

    const notice = page.getByTestId("novita-unreachable");
    await expect(notice).toHaveCount(0);
    await sandbox.control("POST", "/unreachable", { forMs: DOWN_MS });
    const downAt = Date.now();

    // Without a reload: the live stream brings the notice.
    await expect(notice).toContainText(/Novita unreachable since \d{1,2}:\d\d/, { timeout: 15_000 });
    await expect(notice).toContainText("jobs are kept");
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Running");

    await forEachScreen(page, async (scheme, width) => {
      await page.screenshot({ path: `test-results/screens/novita-unreachable-${width}-${scheme}.png` });
    });

    // The Jobs and Endpoints pages still load, and say the same.
    await page.goto("/jobs");
    await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
    await expect(notice).toBeVisible();
    await page.goto("/endpoints");
    await expect(page.getByRole("heading", { name: "Endpoints", level: 1 })).toBeVisible();
    await page.goto(jobUrl);
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Running");
    expect(Date.now() - downAt).toBeLessThan(DOWN_MS);

    // Back: the notice goes by itself and the job completes.
    await expect(notice).toHaveCount(0, { timeout: DOWN_MS + 20_000 });
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Completed", { timeout: 40_000 });
  });
});
