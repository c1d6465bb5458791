import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./support/accounts";
import { SandboxManagement, uniqueName, WORKER_IMAGES } from "./support/endpoints-sandbox";

const HTML = "<img src=x onerror=alert(1)>";
const SCRIPT = "<script>alert(2)</script>";

/** Any alert, confirm or prompt means markup from data ran. */
function failOnDialog(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

test.describe("text from users and workers is shown as text, never run as HTML", () => {
  let endpointId: string;
  test.beforeAll(async () => {
    endpointId = await SandboxManagement.ofTestServer().createEndpoint(uniqueName("xss-echo"), {
      image: WORKER_IMAGES.echo,
      env: [{ key: "GREETING", value: HTML }],
    });
  });
  test.afterAll(async () => {
    await SandboxManagement.ofTestServer()
      .deleteEndpoint(endpointId)
      .catch(() => undefined);
  });

  test("a job prompt and a worker error with markup", async ({ page }) => {
    const dialogs = failOnDialog(page);
    await signIn(page);
    await page.goto(`/jobs/new?endpoint=${endpointId}`);
    await page.getByLabel("Job input (JSON)").fill(JSON.stringify({ prompt: HTML, error: `${SCRIPT} ${HTML}` }));
    await page.getByRole("button", { name: "Send job" }).click();
    await page.waitForURL(/\/jobs\/(?!new)[^/?]+$/);
    await expect(page.getByRole("status", { name: /^Status:/ })).toHaveAccessibleName("Status: Failed", {
      timeout: 20_000,
    });
    const error = page.getByRole("region", { name: "Worker error" });
    await expect(error).toContainText(`${SCRIPT} ${HTML}`);
    await expect(page.getByText(HTML).first()).toBeVisible();
    await expect(page.locator("main img[src='x']")).toHaveCount(0);
    await page.goto("/jobs");
    await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(dialogs).toEqual([]);
  });

  test("an endpoint env value with markup", async ({ page }) => {
    const dialogs = failOnDialog(page);
    await signIn(page);
    await page.goto(`/endpoints/${endpointId}?tab=settings`);
    const editor = page.getByRole("form", { name: "Endpoint settings" });
    await expect(editor.getByLabel("Variable 1 name")).toHaveValue("GREETING");
    await expect(editor.getByLabel("Variable 1 value")).toHaveValue(HTML);
    await expect(page.locator("main img[src='x']")).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  test("a user name with markup", async ({ page }) => {
    const dialogs = failOnDialog(page);
    await signIn(page);
    await page.goto("/settings");
    await page.waitForLoadState("networkidle");
    const nameField = page.getByLabel("Name", { exact: true });
    await nameField.fill(HTML);
    await expect(nameField).toHaveValue(HTML);
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("button", { name: `Account: ${HTML}` })).toBeVisible();
    await page.reload();
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("button", { name: `Account: ${HTML}` })).toBeVisible();
    await expect(page.locator("img[src='x']")).toHaveCount(0);
    expect(dialogs).toEqual([]);
    await nameField.fill(ADMIN.name);
    await expect(nameField).toHaveValue(ADMIN.name);
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("button", { name: `Account: ${ADMIN.name}` })).toBeVisible();
  });
});

test("a server action posted from another origin is refused and changes nothing", async ({ page, baseURL }) => {
  await signIn(page);
  await page.goto("/settings");
  await page.waitForLoadState("networkidle");
  // Capture a real action call (its id and body) by renaming through the form.
  const actionRequest = page.waitForRequest(
    (request) => request.method() === "POST" && Boolean(request.headers()["next-action"]),
  );
  await page.getByLabel("Name", { exact: true }).fill(`${ADMIN.name} (origin check)`);
  await page.getByRole("button", { name: "Save profile" }).click();
  const captured = await actionRequest;
  await expect(page.getByRole("button", { name: `Account: ${ADMIN.name} (origin check)` })).toBeVisible();
  const headers = {
    "next-action": captured.headers()["next-action"]!,
    "content-type": captured.headers()["content-type"] ?? "text/plain;charset=UTF-8",
    accept: "text/x-component",
  };
  const body = (name: string) => captured.postData()!.replace(`${ADMIN.name} (origin check)`, name);

  const forged = await page.request.post("/settings", {
    headers: { ...headers, origin: "https://evil.example" },
    data: body("Renamed by evil.example"),
  });
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  expect(await forged.text()).not.toContain("Renamed by evil.example");
  await page.reload();
  await expect(page.getByRole("button", { name: `Account: ${ADMIN.name} (origin check)` })).toBeVisible();

  // The same call from the console's own origin goes through: the refusal above was about the origin.
  const own = await page.request.post("/settings", {
    headers: { ...headers, origin: new URL(baseURL!).origin },
    data: body(ADMIN.name),
  });
  expect(own.status()).toBe(200);
  await page.reload();
  await expect(page.getByRole("button", { name: `Account: ${ADMIN.name}` })).toBeVisible();
});
