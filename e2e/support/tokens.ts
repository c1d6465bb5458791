import { expect, type Page } from "@playwright/test";
import { baseURL } from "../../playwright.config";

/** What a script does: plain HTTP to the console's Novita-compatible gateway with a console token. */
export async function gateway(token: string, method: "GET" | "POST", path: string, body?: unknown) {
  const response = await fetch(`${baseURL}/api/novita/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Settings → API tokens, reached as a person does: the Settings page, then its "API tokens" section link. */
export async function openTokensPage(page: Page) {
  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "Create a token" })).toBeVisible();
}

/** Creates a 30-day token on the API tokens page and copies it from the once-shown box. */
export async function createToken(page: Page, name: string, role: "Operator" | "Viewer" = "Operator") {
  await openTokensPage(page);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Role").selectOption({ label: role });
  await page.getByLabel("Expires").selectOption({ label: "30 days" });
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByRole("textbox", { name: "New token" });
  await expect(shown).toHaveValue(/^nvc_/);
  await expect(page.getByRole("table", { name: "API tokens" })).toContainText(name);
  return shown.inputValue();
}
