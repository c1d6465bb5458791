import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName, WORKER_IMAGES } from "./support/endpoints-sandbox";
import { forEachScreen } from "./support/screens";

/**
 * The /jobs list, live. Jobs are sent straight to the sandbox's job gateway (as a script would) and brought into
 * the console with "Track a job", like a person would; the console's tracker and SSE stream do the rest.
 */
const sandbox = () => SandboxManagement.ofTestServer();
const key = () => readFileSync(path.join(process.env.E2E_DATA_DIR!, "sandbox-api-key"), "utf8").trim();

async function gateway<T>(route: string, body: unknown): Promise<T> {
  const response = await fetch(`${sandbox().origin}${route}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key()}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox ${route} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const runJob = async (endpointId: string, input: unknown) =>
  (await gateway<{ id: string }>(`/v1/${endpointId}/run`, { input })).id;
const pauseWorkers = (endpointId: string) => gateway("/_sandbox/workers/pause", { endpointId });
const resumeWorkers = (endpointId: string) => gateway("/_sandbox/workers/resume", { endpointId });

async function trackJob(page: Page, endpointName: string, novitaJobId: string) {
  await page.getByRole("button", { name: "Track a job" }).click();
  const dialog = page.getByRole("dialog", { name: "Track a job by id" });
  await dialog.getByLabel("Endpoint").click();
  await page.getByRole("option", { name: endpointName, exact: true }).click();
  await dialog.getByLabel("Novita job id").fill(novitaJobId);
  await dialog.getByRole("button", { name: "Track job" }).click();
  await expect(dialog).toBeHidden();
}

/** The console's row for a Novita job id: search finds it (the ledger matches Novita ids exactly). */
const rows = (page: Page) => page.getByTestId("job-row");

test.describe("jobs list", () => {
  const name = uniqueName("jobs-list");
  let endpointId = "";

  test.beforeAll(async () => {
    endpointId = await sandbox().createEndpoint(name, { image: WORKER_IMAGES.sleep, minNum: 1, maxNum: 1 });
  });
  test.afterAll(async () => {
    await resumeWorkers(endpointId).catch(() => undefined);
    await sandbox().deleteEndpoint(endpointId);
  });

  test("a tracked job goes queued → running → completed without a reload, and the header says Live", async ({
    page,
  }) => {
    await signIn(page);
    await page.goto("/jobs");
    await expect(page.getByTestId("live-indicator")).toHaveText("Live");
    await expect(page.getByTestId("live-indicator")).toHaveAttribute("title", /no reload needed/);

    await pauseWorkers(endpointId);
    const novitaJobId = await runJob(endpointId, { seconds: 3 });
    await trackJob(page, name, novitaJobId);
    await expect(page.getByText(/^Tracking job /)).toBeVisible();

    const row = rows(page).filter({ hasText: name }).first();
    await expect(row).toContainText("Queued");
    await expect(row).toContainText("You");
    const jobId = await row.getAttribute("data-job-id");
    expect(jobId).toBeTruthy();

    // Nothing reloads from here: the navigation count stays at one while the status moves.
    let navigations = 0;
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });
    await resumeWorkers(endpointId);
    await expect(row).toContainText("Running", { timeout: 30_000 });
    await expect(row).toContainText("Completed", { timeout: 30_000 });
    await expect(row.getByLabel("Has output").first()).toBeAttached();
    expect(navigations).toBe(0);

    // The tab counts follow too.
    await expect(page.getByRole("tab", { name: /^Completed/ })).not.toContainText(/^Completed0$/);

    // The row opens the job.
    await row.getByRole("link", { name: /^Job / }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}$`));
  });

  test("search finds a job by text inside its input (sent from /jobs/new), and by its ids", async ({ page }) => {
    await signIn(page);
    const word = uniqueName("prompt");
    // Two jobs through the console's own send page: one carries the word, the other does not.
    for (const prompt of [`a ${word} on a table`, "something else entirely"]) {
      await page.goto("/jobs/new");
      await page.getByLabel("Endpoint", { exact: true }).click();
      await page.getByRole("option", { name: new RegExp(name) }).click();
      await page.getByLabel("Job input (JSON)").fill(JSON.stringify({ seconds: 0, prompt }));
      await page.getByRole("button", { name: "Send job" }).click();
      await page.waitForURL(/\/jobs\/(?!new)[^/?]+$/);
    }
    const sentId = page.url().split("/").pop()!;

    await page.goto("/jobs");
    await page.getByLabel("Search jobs by id or by text in the input").fill(word);
    await expect(page).toHaveURL(new RegExp(`q=${word}`));
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).not.toHaveAttribute("data-job-id", sentId);

    // The console's job id finds the other one; the filter is in the URL, so it survives a reload.
    await page.goto(`/jobs?q=${sentId}`);
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toHaveAttribute("data-job-id", sentId);

    // So does the id Novita gave a job tracked from outside.
    const novitaJobId = await runJob(endpointId, { seconds: 0 });
    await trackJob(page, name, novitaJobId);
    await page.getByLabel("Search jobs by id or by text in the input").fill(novitaJobId);
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).not.toHaveAttribute("data-job-id", sentId);

    await page.goto("/jobs?q=no-such-job-anywhere");
    await expect(page.getByRole("heading", { name: "No job matches" })).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await expect(page).toHaveURL(/\/jobs$/);
    await expect(rows(page).first()).toBeVisible();
  });

  test("bulk-cancel three queued jobs: shift-click selects the range, the action cancels them", async ({ page }) => {
    await signIn(page);
    await pauseWorkers(endpointId);
    await page.goto(`/jobs?endpoint=${endpointId}&group=queued`);
    await expect(page.getByRole("tab", { name: /^Queued/ })).toHaveAttribute("aria-selected", "true");
    for (let index = 0; index < 3; index += 1) await trackJob(page, name, await runJob(endpointId, { seconds: 30 }));
    await expect(rows(page)).toHaveCount(3);

    const boxes = page.getByRole("checkbox", { name: /^Select job / });
    await boxes.nth(0).click();
    await boxes.nth(2).click({ modifiers: ["Shift"] });
    await expect(page.getByText("3 jobs selected")).toBeVisible();
    for (let index = 0; index < 3; index += 1) await expect(boxes.nth(index)).toBeChecked();

    await page.getByRole("button", { name: "Cancel selected" }).click();
    await expect(page.getByText("Cancelling 3 jobs")).toBeVisible();
    // The rows stay in place and turn Cancelled as the tracker confirms, over the live stream.
    for (let index = 0; index < 3; index += 1)
      await expect(rows(page).nth(index)).toContainText("Cancelled", { timeout: 20_000 });
    await expect(page.getByRole("tab", { name: /^Cancelled/ })).toContainText("3");

    // Finished jobs cannot be cancelled again: the button says so, and the server would list them as skipped.
    await page.getByRole("button", { name: /^Select all loaded/ }).click();
    await expect(page.getByRole("button", { name: /Cancel selected/ })).toBeDisabled();
    await resumeWorkers(endpointId);
  });

  test("a failed load shows the server's message, and Retry loads again", async ({ page }) => {
    await signIn(page);
    let failing = true;
    await page.route(/\/api\/jobs\?/, (route) =>
      failing
        ? route.fulfill({ status: 500, json: { error: { code: "internal", message: "The ledger is unreachable." } } })
        : route.continue(),
    );
    await page.goto("/jobs");
    const alert = page.getByRole("alert").filter({ hasText: "Could not load jobs: The ledger is unreachable." });
    await expect(alert).toBeVisible();
    failing = false;
    await alert.getByRole("button", { name: "Retry" }).click();
    await expect(rows(page).first()).toBeVisible();
    await expect(alert).toBeHidden();
  });

  test("a thousand loaded jobs stay virtualized, and scrolling near the end loads the next page", async ({ page }) => {
    await signIn(page);
    const total = 1000;
    const start = Date.now();
    // A synthetic ledger behind the real page: keyset pages of 50, newest first.
    await page.route(/\/api\/jobs\?/, (route) => {
      const url = new URL(route.request().url());
      const limit = Number(url.searchParams.get("limit") ?? 50);
      const after = url.searchParams.get("after");
      const first = after ? Number(after.split("|")[1]!.slice(4)) + 1 : 0;
      const jobs = Array.from({ length: Math.max(0, Math.min(limit, total - first)) }, (_, offset) => {
        const index = first + offset;
        return {
          id: `job-${String(index).padStart(6, "0")}`,
          novitaJobId: `nv-${index}`,
          endpointId: endpointId,
          routeName: endpointId,
          status: "COMPLETED",
          finished: true,
          error: null,
          submittedBy: null,
          resubmittedFrom: null,
          submittedAt: new Date(start - index * 60_000).toISOString(),
          startedAt: null,
          finishedAt: null,
          delayTimeMs: 1200,
          executionTimeMs: 3400,
          hasOutput: index % 2 === 0,
        };
      });
      const last = jobs.at(-1);
      const end = first + jobs.length;
      return route.fulfill({
        json: {
          jobs,
          next: last && end < total ? `${last.submittedAt}|${last.id}` : null,
          counts: { all: total, queued: 0, running: 0, completed: total, failed: 0, cancelled: 0, unknown: 0 },
        },
      });
    });
    await page.goto("/jobs");
    await expect(page.getByText("50 of 1,000 jobs loaded")).toBeVisible();
    for (let step = 0; step < 60 && !(await page.getByText("1,000 of 1,000 jobs loaded").isVisible()); step += 1) {
      await page.mouse.wheel(0, 20_000);
      await page.waitForTimeout(100);
    }
    await expect(page.getByText("1,000 of 1,000 jobs loaded")).toBeVisible();
    await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
    // Only the rows on screen (plus a margin) are in the DOM, whatever is loaded.
    expect(await rows(page).count()).toBeLessThan(60);
    await page.mouse.wheel(0, 200_000);
    await expect(rows(page).last()).toHaveAttribute("data-job-id", "job-000999");
  });

  test("screenshots: light and dark, 1440 and 390 px", async ({ page }) => {
    await signIn(page);
    await forEachScreen(page, async (scheme, width) => {
      await page.goto("/jobs");
      await expect(rows(page).first()).toBeVisible();
      await rows(page).first().getByRole("checkbox").click();
      await page.screenshot({ path: `test-results/screens/jobs-list-${width}-${scheme}.png`, fullPage: true });
    });
  });
});
