import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName, WORKER_IMAGES } from "./support/endpoints-sandbox";
import { forEachScreen } from "./support/screens";

const jobStatus = (page: Page) => page.getByRole("status", { name: /^Status:/ });

test.describe("settling a job whose outcome is unknown", () => {
  let sandbox: SandboxManagement;
  let endpointId: string;
  let endpointName: string;

  test.beforeAll(async () => {
    sandbox = SandboxManagement.ofTestServer();
    endpointName = uniqueName("settle-echo");
    endpointId = await sandbox.createEndpoint(endpointName, { image: WORKER_IMAGES.echo, minNum: 0, maxNum: 1 });
  });
  test.afterAll(async () => {
    await sandbox.control("DELETE", "/faults");
    if (await sandbox.getEndpoint(endpointId)) await sandbox.deleteEndpoint(endpointId);
  });

  test("Novita queued the job but its answer was lost: the person finds its id, the console follows it; never resent", async ({
    page,
  }) => {
    await signIn(page);
    await page.goto("/jobs/new");
    await page.getByLabel("Endpoint", { exact: true }).click();
    await page.getByRole("option", { name: new RegExp(endpointName) }).click();
    const prompt = `answer lost ${Date.now()}`;
    await page.getByLabel("Job input (JSON)").fill(JSON.stringify({ prompt }));
    await sandbox.control("POST", "/faults", { operation: "jobs.run", mode: "lose_answer" });
    await page.getByRole("button", { name: "Send job" }).click();

    const results = page.getByRole("region", { name: /0 of 1 job sent; 1 failed/ });
    await expect(results).toBeVisible({ timeout: 20_000 });
    await results.getByRole("link", { name: /^Job / }).click();
    await page.waitForURL(/\/jobs\/(?!new)[^/?]+$/);
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Unknown outcome");
    const settle = page.getByRole("region", { name: "Outcome unknown: did Novita queue it?" });
    await expect(settle).toContainText("never sends such a job again by itself");

    // A wrong id changes nothing and says why.
    const idBox = settle.getByRole("textbox", { name: "Novita job id" });
    await idBox.fill("not-a-real-job");
    await settle.getByRole("button", { name: "Look it up and follow it" }).click();
    await expect(settle.getByText(/Novita does not know this job on that endpoint/)).toBeVisible();
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Unknown outcome");

    // The id as Novita's console lists it for this endpoint.
    const listed = (await sandbox.control("GET", `/jobs?endpoint=${encodeURIComponent(endpointId)}`)) as {
      id: string;
      input: { prompt?: string };
    }[];
    const queued = listed.filter((job) => job.input.prompt === prompt);
    expect(queued).toHaveLength(1);

    await forEachScreen(page, async (scheme, width) => {
      await settle.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screens/job-settle-${width}-${scheme}.png`, fullPage: true });
    });

    await idBox.fill(queued[0]!.id);
    await settle.getByRole("button", { name: "Look it up and follow it" }).click();
    await expect(page.getByText(`Settled: Novita knows it as ${queued[0]!.id}`)).toBeVisible();
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Completed", { timeout: 30_000 });
    await expect(settle).toHaveCount(0);
    await expect(page.getByRole("main").getByText(queued[0]!.id)).toBeVisible();
    // Sent once: the endpoint still has exactly one job with this input.
    const after = (await sandbox.control("GET", `/jobs?endpoint=${encodeURIComponent(endpointId)}`)) as {
      input: { prompt?: string };
    }[];
    expect(after.filter((job) => job.input.prompt === prompt)).toHaveLength(1);
  });
});
