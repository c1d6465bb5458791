import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/accounts";
import { uniqueName } from "./support/endpoints-sandbox";
import { forEachScreen } from "./support/screens";
import { guideJobBody, importByPaste } from "./support/workflows";

const SHOTS = "test-results/screens";

/** An operation's heading on the API page: its method and path. */
const operation = (page: Page, name: string) => page.getByRole("heading", { name, exact: true });

test.describe("the API page", () => {
  test("is a console page behind sign-in, not an API route", async ({ page }) => {
    await page.goto("/api-reference");
    await expect(page).toHaveURL(/\/login\?next=%2Fapi-reference$/);
  });

  test("the navigation's API link opens every route with its examples; Python and curl read the token", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page);
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "API", exact: true }).click();
    await expect(page).toHaveURL(/\/api-reference$/);
    await expect(page.getByRole("heading", { name: "API", level: 1 })).toBeVisible();
    await expect(nav.getByRole("link", { name: "API", exact: true })).toHaveAttribute("aria-current", "page");

    // The routes, grouped by tag, the gateway's included.
    for (const name of [
      "GET /api/v1/jobs",
      "POST /api/v1/jobs",
      "GET /api/v1/jobs/{id}",
      "POST /api/v1/workflows/{id}/runs",
      "POST /api/novita/v1/{route}/run",
      "GET /api/v1/openapi.json",
    ])
      await expect(operation(page, name)).toBeVisible();
    for (const tag of ["Endpoints", "Jobs", "Workflows", "Outputs", "Novita-compatible gateway"])
      await expect(page.getByRole("heading", { name: tag, level: 2, exact: true })).toBeVisible();
    await expect(page.getByRole("table", { name: "Parameters of GET /api/v1/jobs", exact: true })).toContainText(
      "limit",
    );
    await expect(page.getByRole("table", { name: "Body of POST /api/v1/workflows/{id}/runs" })).toContainText("inputs");

    // The intro: base URLs at this origin, the token header, Settings → API tokens, the raw document.
    const origin = new URL(page.url()).origin;
    await expect(page.getByText(`${origin}/api/v1`, { exact: true })).toBeVisible();
    await expect(page.getByText(`${origin}/api/novita/v1`, { exact: true })).toBeVisible();
    await expect(page.getByText("Authorization: Bearer $CONSOLE_TOKEN", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Settings → API tokens" })).toHaveAttribute("href", "/settings/tokens");
    await expect(page.getByRole("link", { name: "openapi.json", exact: true })).toHaveAttribute(
      "href",
      "/api/v1/openapi.json",
    );

    // The table of contents jumps to an operation.
    await page
      .getByRole("navigation", { name: "Contents" })
      .getByRole("link", { name: /\/api\/v1\/workflows\/\{id\}\/runs/ })
      .click();
    await expect(page).toHaveURL(/#runWorkflow$/);
    await expect(operation(page, "POST /api/v1/workflows/{id}/runs")).toBeInViewport();

    // Examples: curl first, with this origin and $CONSOLE_TOKEN; Python with requests and os.environ.
    const send = "POST /api/v1/jobs";
    const curl = page.getByLabel(`curl example, ${send}`, { exact: true });
    await expect(curl).toContainText(`curl -X POST "${origin}/api/v1/jobs"`);
    await expect(curl).toContainText('-H "Authorization: Bearer $CONSOLE_TOKEN"');
    await page
      .getByRole("tablist", { name: `Example language, ${send}`, exact: true })
      .getByRole("tab", { name: "Python" })
      .click();
    const python = page.getByLabel(`Python example, ${send}`, { exact: true });
    await expect(python).toContainText("requests.post(");
    await expect(python).toContainText('os.environ["CONSOLE_TOKEN"]');
    await page
      .getByRole("tablist", { name: `Example language, ${send}`, exact: true })
      .getByRole("tab", { name: "JavaScript" })
      .click();
    await expect(page.getByLabel(`JavaScript example, ${send}`, { exact: true })).toContainText(
      "process.env.CONSOLE_TOKEN",
    );
    await expect(page.getByLabel("curl example, GET /api/v1/jobs", { exact: true })).toContainText("$CONSOLE_TOKEN");
  });

  test("screenshots of the API page: light and dark, 1440 and 390 px; nothing spills sideways", async ({ page }) => {
    test.setTimeout(90_000);
    await signIn(page);
    await forEachScreen(page, async (scheme, width) => {
      await page.goto("/api-reference");
      await expect(operation(page, "GET /api/v1/jobs")).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/api-reference-${width}-${scheme}.png` });
      await page.goto("/api-reference#runWorkflow");
      await expect(operation(page, "POST /api/v1/workflows/{id}/runs")).toBeInViewport();
      await page.screenshot({ path: `${SHOTS}/api-reference-run-${width}-${scheme}.png` });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `API page at ${width} px`).toBeLessThanOrEqual(0);
    });
  });

  test("a workflow's API tab: the run with the form's named inputs, and how to poll its jobs", async ({ page }) => {
    await signIn(page);
    const url = await importByPaste(page, uniqueName("API apple"), guideJobBody());
    const id = new URL(url).pathname.split("/").pop()!;
    await page.getByRole("navigation", { name: "Workflow views" }).getByRole("link", { name: "API" }).click();
    await page.waitForURL(/\/api$/);
    const origin = new URL(page.url()).origin;

    const curl = page.getByLabel("curl snippet", { exact: true });
    await expect(curl).toContainText(`curl -X POST "${origin}/api/v1/workflows/${id}/runs"`);
    await expect(curl).toContainText('"prompt": "a red apple on a table"');
    await expect(curl).toContainText('"negative_prompt": "blurry, low quality"');
    await expect(curl).toContainText('"seed": 42');
    await expect(curl).toContainText("$CONSOLE_TOKEN");
    await expect(curl).toContainText(`${origin}/api/v1/jobs/$JOB_ID`);
    // Imported without a default endpoint, the body asks for one.
    await expect(curl).toContainText('"endpointId": "<endpoint id>"');
    await expect(page.getByRole("table", { name: "Named inputs" })).toContainText("negative_prompt");

    await page.getByRole("tablist", { name: "Language", exact: true }).getByRole("tab", { name: "Python" }).click();
    await expect(page.getByLabel("Python snippet", { exact: true })).toContainText("requests.post(");
    await expect(page.getByText(/under the token's owner/)).toBeVisible();
    await expect(page.getByRole("link", { name: "API page" })).toHaveAttribute("href", "/api-reference#runWorkflow");
  });

  test("a workflow's API tab follows the form's unsaved values, and can show the saved ones", async ({ page }) => {
    await signIn(page);
    await importByPaste(page, uniqueName("API pear"), guideJobBody());
    await page.getByLabel("Prompt", { exact: true }).fill("a green pear on a plate");
    await page.getByLabel("Seed", { exact: true }).fill("7");
    await page.getByRole("navigation", { name: "Workflow views" }).getByRole("link", { name: "API" }).click();
    await page.waitForURL(/\/api$/);

    const curl = page.getByLabel("curl snippet", { exact: true });
    await expect(curl).toContainText('"prompt": "a green pear on a plate"');
    await expect(curl).toContainText('"seed": 7');
    await expect(page.getByText("the values in your form, not saved (version 1)")).toBeVisible();
    await expect(page.getByRole("table", { name: "Named inputs" })).toContainText("a green pear on a plate");

    await forEachScreen(page, async (scheme, width) => {
      await page.screenshot({ path: `${SHOTS}/workflow-api-draft-${width}-${scheme}.png` });
    });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole("button", { name: "Show the saved values" }).click();
    await expect(curl).toContainText('"prompt": "a red apple on a table"');
    await expect(curl).toContainText('"seed": 42');
    await page.getByRole("button", { name: "Show my form's values" }).click();
    await expect(curl).toContainText('"prompt": "a green pear on a plate"');

    // Back to the defaults in the form: the API tab shows the saved values again, with no note.
    await page.getByRole("navigation", { name: "Workflow views" }).getByRole("link", { name: "Form and runs" }).click();
    await page.getByLabel("Prompt", { exact: true }).fill("a red apple on a table");
    await page.getByLabel("Seed", { exact: true }).fill("42");
    await page.getByRole("navigation", { name: "Workflow views" }).getByRole("link", { name: "API" }).click();
    await page.waitForURL(/\/api$/);
    await expect(curl).toContainText('"prompt": "a red apple on a table"');
    await expect(page.getByRole("button", { name: "Show the saved values" })).toHaveCount(0);
  });
});
