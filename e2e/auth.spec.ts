import { expect, test } from "@playwright/test";
import { ADMIN, signIn, signOut } from "./support/accounts";

test("sign out, then sign in again", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await signOut(page);

  // Signed out means signed out: the console and its API refuse this browser.
  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(401);

  await signIn(page);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});

test("a wrong password shows a clear message and creates no session", async ({ page, context }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page.getByText("Wrong email or password. Check both and try again.")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/login-error-390-dark.png", fullPage: true });
  await expect(page).toHaveURL(/\/login$/);
  const cookies = await context.cookies();
  expect(cookies.filter((cookie) => cookie.name.includes("session_token"))).toEqual([]);
  expect((await page.request.get("/api/me")).status()).toBe(401);

  // An empty form is caught before it is sent.
  await page.getByLabel("Email").fill("");
  await page.getByLabel("Password").fill("");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
});

test("signed out, /endpoints goes to the sign-in page and back to /endpoints after signing in", async ({ page }) => {
  await page.goto("/endpoints");
  await expect(page).toHaveURL(/\/login\?next=%2Fendpoints$/);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/endpoints$/);
  await expect(page.getByRole("heading", { name: "Endpoints", level: 1 })).toBeVisible();
});

test("the return address after sign-in never leaves the console", async ({ page }) => {
  await signIn(page, ADMIN, "/login?next=%2F%2Fevil.example%2Fsteal");
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
});
