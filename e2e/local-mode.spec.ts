import { expect, test } from "@playwright/test";
import { signIn } from "./support/accounts";

test("in local mode the header says Local sandbox and explains how to connect Novita", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  const status = page.getByTestId("connection-status");
  await expect(status).toHaveText("Local sandbox");
  await status.click();
  const note = page.getByRole("dialog");
  await expect(note.getByText("The console talks to a simulated Novita running on this server")).toBeVisible();
  await expect(note.getByText("NOVITA_API_KEY")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/connection-popover-1440-light.png" });
  await page.keyboard.press("Escape");
  await expect(note).toBeHidden();
});

test("the overview explains what local mode means", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await signIn(page);
  const notice = page.getByTestId("local-mode-notice");
  await expect(notice.getByRole("heading", { name: "You are in local mode" })).toBeVisible();
  await expect(notice).toContainText("runs jobs on simulated workers");
  await expect(notice).toContainText("nothing is billed");
  await expect(notice).toContainText("NOVITA_API_KEY");
  await page.screenshot({ path: "test-results/screens/overview-local-390-dark.png", fullPage: true });
});

test("the local sandbox answers Novita's API on its own port, and refuses a wrong key", async ({ request }) => {
  const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 90);
  const response = await request.get(`http://127.0.0.1:${sandboxPort}/gpu-instance/openapi/v1/endpoints`, {
    headers: { authorization: "Bearer sk_wrong" },
  });
  expect(response.status()).toBe(403);
  expect(await response.json()).toEqual({ code: 403, reason: "INVALID_API_KEY", message: "invalid api-key" });
});
