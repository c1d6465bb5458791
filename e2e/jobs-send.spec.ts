import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName, WORKER_IMAGES } from "./support/endpoints-sandbox";
import { sandboxWorkers } from "./support/jobs-sandbox";
import { forEachScreen } from "./support/screens";

const editor = (page: Page) => page.getByLabel("Job input (JSON)");
const jobStatus = (page: Page) => page.getByRole("status", { name: /^Status:/ });

test.describe("sending jobs", () => {
  let sandbox: SandboxManagement;
  let sleepId: string;
  let sleepName: string;
  let echoId: string;
  let comfyId: string;

  test.beforeAll(async () => {
    sandbox = SandboxManagement.ofTestServer();
    sleepName = uniqueName("send-sleep");
    sleepId = await sandbox.createEndpoint(sleepName, { image: WORKER_IMAGES.sleep, minNum: 0, maxNum: 2 });
    echoId = await sandbox.createEndpoint(uniqueName("send-echo"), { image: WORKER_IMAGES.echo, minNum: 0, maxNum: 2 });
    comfyId = await sandbox.createEndpoint(uniqueName("send-comfy"), {
      image: WORKER_IMAGES.comfyui,
      minNum: 0,
      maxNum: 1,
    });
  });

  test.afterAll(async () => {
    for (const id of [sleepId, echoId, comfyId]) {
      await sandboxWorkers("resume", id).catch(() => undefined);
      if (await sandbox.getEndpoint(id)) await sandbox.deleteEndpoint(id);
    }
  });

  test("a sleep job goes queued → running → completed on its page, without a reload", async ({ page }) => {
    await signIn(page);
    await page.goto("/jobs/new");
    // Choosing the endpoint offers (and loads) the template that fits its worker.
    await page.getByLabel("Endpoint", { exact: true }).click();
    await page.getByRole("option", { name: new RegExp(sleepName) }).click();
    await expect(page.getByRole("button", { name: "Use the Sleep template" })).toContainText("fits this endpoint");
    await expect(editor(page)).toContainText('"seconds": 5');
    await editor(page).fill('{"seconds": 3}');
    await expect(page.getByRole("meter", { name: "Request size" })).toHaveAttribute(
      "aria-valuetext",
      /B of 4\.00 MiB$/,
    );

    await sandboxWorkers("pause", sleepId);
    await page.getByRole("button", { name: "Send job" }).click();
    await page.waitForURL(/\/jobs\/(?!new)[^/?]+$/);
    const url = page.url();
    await expect(jobStatus(page)).toHaveAccessibleName(/Status: (Submitting|Queued)/);
    await expect(page.getByRole("listitem", { name: "Queued: current stage" })).toBeVisible();

    await sandboxWorkers("resume", sleepId);
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Running", { timeout: 20_000 });
    await expect(page.getByRole("listitem", { name: "Running: current stage" })).toBeVisible();
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Completed", { timeout: 20_000 });
    expect(page.url()).toBe(url);
    await expect(page.getByRole("listitem", { name: "Completed: reached" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Output", exact: true })).toContainText('"slept": ');
    await expect(page.getByText("Execution time")).toBeVisible();
  });

  test("invalid JSON and an over-4-MiB input block Send, with the reason", async ({ page }) => {
    await signIn(page);
    await page.goto(`/jobs/new?endpoint=${echoId}`);
    const send = page.getByRole("button", { name: "Send job" });
    await expect(send).toBeEnabled();

    await editor(page).fill('{\n  "prompt": "apple"\n  "seed": 1\n}');
    await expect(send).toBeDisabled();
    await expect(page.getByText(/Send is blocked: The input is not valid JSON\. Line 3, column 3/)).toBeVisible();
    await page.getByRole("button", { name: "Format" }).click();
    await expect(page.getByText(/Cannot format: Line 3, column 3/)).toBeVisible();

    await editor(page).fill('{"prompt":"apple","seed":1}');
    await page.getByRole("button", { name: "Format" }).click();
    await expect(editor(page)).toContainText('  "prompt": "apple",');
    await expect(send).toBeEnabled();

    // 4.5 MiB of prompts, loaded from a file (the way a big workflow arrives).
    const big = JSON.stringify(
      { prompts: Array.from({ length: 45_000 }, (_, index) => `${index} ${"x".repeat(100)}`) },
      null,
      1,
    );
    await page
      .getByLabel("Load the input from a JSON file")
      .setInputFiles({ name: "big.json", mimeType: "application/json", buffer: Buffer.from(big) });
    await expect(
      page.getByText(/Send is blocked: The request is 4\.\d\d MiB; Novita accepts at most 4\.00 MiB per job/),
    ).toBeVisible({ timeout: 20_000 });
    await expect(send).toBeDisabled();
    await expect(page.getByRole("meter", { name: "Request size" })).toHaveAttribute("aria-valuetext", /over the limit/);
  });

  test("sending three copies stays on the page and links each job", async ({ page }) => {
    await signIn(page);
    await page.goto(`/jobs/new?endpoint=${echoId}`);
    await expect(editor(page)).toContainText('"prompt": "a red apple on a table"');
    await page.getByLabel("Copies").fill("3");
    await page.getByRole("button", { name: "Send 3 jobs" }).click();
    const sent = page.getByRole("list", { name: "Sent jobs" });
    await expect(sent.getByRole("link")).toHaveCount(3);
    await expect(page.getByRole("heading", { name: "3 jobs sent" })).toBeVisible();
    await sent.getByRole("link").first().click();
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Completed", { timeout: 20_000 });
  });

  test("the ComfyUI workflow from the guide renders an image, archived and shown on the job page", async ({ page }) => {
    test.setTimeout(90_000);
    await signIn(page);
    await page.goto(`/jobs/new?endpoint=${comfyId}`);
    await expect(page.getByRole("button", { name: "Use the ComfyUI workflow template" })).toContainText(
      "fits this endpoint",
    );
    await expect(editor(page)).toContainText('"output_node_id": "9"');
    await expect(editor(page)).toContainText("CheckpointLoaderSimple");
    await page.getByRole("button", { name: "Send job" }).click();
    await page.waitForURL(/\/jobs\/(?!new)[^/?]+$/);
    await expect(jobStatus(page)).toHaveAccessibleName("Status: Completed", { timeout: 60_000 });
    const image = page.getByRole("list", { name: "Output images" }).getByRole("img");
    await expect(image).toHaveCount(1);
    // Archived the moment the job completed: the page shows the console's own copy, not the output's base64.
    await expect(image).toHaveAttribute("src", /^\/api\/outputs\/[^/]+\/thumbnail$/, { timeout: 20_000 });
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth))
      .toBeGreaterThan(0);
    // A large output opens collapsed; expanded, its base64 is shortened for reading, with its length.
    const output = page.getByRole("list", { name: "Output", exact: true });
    const images = output.getByRole("button", { name: /"images": \[1 item\]/ });
    await expect(images).toHaveAttribute("aria-expanded", "false");
    await images.click();
    await output.getByRole("button", { name: /^0: \{/ }).click();
    await expect(output).toContainText(/iVBORw0KGgo\S*… \([\d,]+ characters of base64\)/);
    const popup = page.waitForEvent("popup");
    await page.getByRole("link", { name: /full size in a new tab/ }).click();
    expect((await popup).url()).toMatch(/\/api\/outputs\/[^/]+$/);
  });

  test("screenshots of the send page: light and dark, 1440 and 390 px", async ({ page }) => {
    test.setTimeout(90_000);
    await signIn(page);
    await forEachScreen(page, async (scheme, width) => {
      await page.goto(`/jobs/new?endpoint=${comfyId}`);
      await expect(editor(page)).toContainText("output_node_id");
      await page.screenshot({ path: `test-results/screens/jobs-send-${width}-${scheme}.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `send page at ${width} px`).toBeLessThanOrEqual(0);
    });
  });
});
