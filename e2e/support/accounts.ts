import { expect, type Page } from "@playwright/test";

/** The administrator that first-run.spec.ts creates; every other spec signs in as them. */
export const ADMIN = { name: "Ada Admin", email: "ada@example.com", password: "correct horse battery" };

export async function signIn(page: Page, account = ADMIN, path = "/login") {
  await page.goto(path);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /^Account:/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}
