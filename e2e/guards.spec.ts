import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./support/accounts";

test("an app/api route called without a session gets 401 and JSON that says why", async ({ request }) => {
  const response = await request.get("/api/me");
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in to use this API." } });

  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok", db: "ok" });
});

test("a server action sent without a session gets 401 and changes nothing", async ({
  page,
  context,
  playwright,
  baseURL,
}) => {
  await signIn(page);
  await page.goto("/settings");
  const nameField = page.getByLabel("Name", { exact: true });
  await expect(nameField).toHaveValue(ADMIN.name);

  // The session ends (signed out elsewhere, expired, cookie cleared) while the form is open.
  await context.clearCookies();
  await nameField.fill("Mallory");
  const actionResponse = page.waitForResponse((response) => response.request().headers()["next-action"] !== undefined);
  await page.getByRole("button", { name: "Save profile" }).click();
  const response = await actionResponse;
  expect(response.status()).toBe(401);
  // The browser is sent to sign in again, and will come back to the settings page afterwards.
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  // The same action replayed by a script without cookies: 401 as well.
  const request = response.request();
  const anonymous = await playwright.request.newContext({ baseURL });
  const replay = await anonymous.post(request.url(), { headers: request.headers(), data: request.postData() ?? "" });
  expect(replay.status()).toBe(401);
  await anonymous.dispose();

  // Nothing changed.
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(ADMIN.name);
});

test("a signed-in user can rename themselves; an empty name is refused", async ({ page }) => {
  await signIn(page, ADMIN, "/login?next=%2Fsettings");
  const nameField = page.getByLabel("Name", { exact: true });
  await nameField.fill("   ");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();

  await nameField.fill("Ada Lovelace");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Account: Ada Lovelace" })).toBeVisible();

  await nameField.fill(ADMIN.name);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("button", { name: `Account: ${ADMIN.name}` })).toBeVisible();
});
