import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName } from "./support/endpoints-sandbox";

/**
 * Settings → Connection → "Check connection" against the test server's own sandbox (local mode): all green as the
 * sandbox answers; then the sandbox is told to rename the list's `state` to `status` (a quirk), and the check
 * turns red naming the field the console reads.
 */
const sandbox = () => SandboxManagement.ofTestServer();
const key = () => readFileSync(path.join(process.env.E2E_DATA_DIR!, "sandbox-api-key"), "utf8").trim();

async function sandboxCall(method: "GET" | "POST" | "DELETE", route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sandbox().origin}${route}`, {
    method,
    headers: { authorization: `Bearer ${key()}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox ${method} ${route} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

const clearQuirks = () => sandboxCall("DELETE", "/_sandbox/quirks");

/** The health probe needs a serving endpoint; a shared server may already have one. */
async function ensureServingEndpoint() {
  const list = (await sandboxCall("GET", "/gpu-instance/openapi/v1/endpoints?pageSize=20&pageNum=0")) as {
    endpoints: { state: { state: string } }[] | null;
  };
  if ((list.endpoints ?? []).some((endpoint) => endpoint.state.state === "serving")) return;
  const management = sandbox();
  const id = await management.createEndpoint(uniqueName("check"));
  await expect.poll(async () => (await management.getEndpoint(id))?.state.state, { timeout: 15_000 }).toBe("serving");
}

/**
 * Clicks the button; the caller's expectation on the summary
 * waits for the report (the button reads "Checking…" meanwhile).
 */
async function runCheck(page: Page) {
  await page.getByRole("button", { name: "Check connection" }).click();
}

const REPORT = { timeout: 30_000 };

async function openConnectionSettings(page: Page) {
  await page.goto("/settings/connection");
  await expect(page.getByRole("heading", { name: "Connection check", level: 2 })).toBeVisible();
}

test.describe("connection check", () => {
  test.beforeAll(async () => {
    await clearQuirks();
    await ensureServingEndpoint();
  });
  test.afterEach(async () => {
    await clearQuirks();
  });

  test("an admin checks the connection: all green, then red naming the renamed field", async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.emulateMedia({ colorScheme: "light" });
    await signIn(page);
    await openConnectionSettings(page);
    const summary = page.getByTestId("connection-check-summary");
    const table = page.getByRole("table", { name: /^Calls to / });

    await runCheck(page);
    await expect(summary).toHaveText(/^All \d+ calls answered as the console expects/, REPORT);
    await expect(table).toBeVisible();
    for (const column of ["Call", "Request", "HTTP status", "Time", "Result"])
      await expect(table.getByRole("columnheader", { name: column })).toBeVisible();
    await expect(table.getByRole("row").filter({ hasText: "List endpoints" }).first()).toContainText("Matches");
    await expect(table.getByRole("row").filter({ hasText: "Serverless GPU products (v2)" })).toContainText("200");
    await expect(
      table
        .getByRole("row")
        .filter({ hasText: /Health of / })
        .first(),
    ).toContainText("Matches");
    await expect(table.getByText("Mismatch", { exact: true })).toHaveCount(0);
    await page.screenshot({ path: "test-results/screens/connection-check-ok-1440-light.png", fullPage: true });

    // Novita (here the sandbox) starts calling the list's `state` `status`.
    await sandboxCall("POST", "/_sandbox/quirks", {
      renameFields: [{ operation: "endpoints.list", from: "state", to: "status" }],
    });
    await runCheck(page);
    await expect(summary).toHaveText(/^1 of \d+ calls did not answer as expected/, REPORT);
    const listRow = table.locator('tr[data-verdict="mismatch"]').filter({ hasText: "List endpoints" });
    await expect(listRow).toHaveCount(1);
    await expect(listRow).toContainText("Mismatch");
    const details = table.locator('tr[data-detail-of="mismatch"]').first();
    await expect(details).toContainText("Missing: endpoints[].state.state");
    await expect(details).toContainText("endpoints[].status");
    await page.screenshot({ path: "test-results/screens/connection-check-mismatch-1440-light.png", fullPage: true });

    // The phone-sized, dark view of the same report.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: "dark" });
    await openConnectionSettings(page);
    await runCheck(page);
    await expect(summary).toHaveText(/did not answer as expected/, REPORT);
    await expect(page.getByText("Missing: endpoints[].state.state")).toBeVisible();
    await page.screenshot({ path: "test-results/screens/connection-check-mismatch-390-dark.png", fullPage: true });

    // Cleared again: green again.
    await clearQuirks();
    await runCheck(page);
    await expect(summary).toHaveText(/^All \d+ calls answered as the console expects/, REPORT);
  });
});
