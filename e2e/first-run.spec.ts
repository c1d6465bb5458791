import { expect, test } from "@playwright/test";
import { ADMIN } from "./support/accounts";

test("first run: / leads to setup, bad input is refused, creating the admin signs them in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: /create the administrator/i })).toBeVisible();

  // Bad input: a clear message on the field, and nobody is created.
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Password again").fill("different");
  await page.getByRole("button", { name: "Create administrator and sign in" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/setup-errors-1440-light.png", fullPage: true });
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByRole("button", { name: "Create administrator and sign in" }).click();
  await expect(page.getByText("The two passwords differ.")).toBeVisible();
  await page.reload();
  await expect(page).toHaveURL(/\/setup$/);

  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Password again").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create administrator and sign in" }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.getByRole("button", { name: `Account: ${ADMIN.name}` }).click();
  await expect(page.getByTestId("user-menu-role")).toHaveText("admin");
  await page.keyboard.press("Escape");

  // Setup is a one-time door: once an admin exists it leads away.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/$/);
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name.includes("session_token"));
  expect(session?.httpOnly).toBe(true);
});
