import { expect, type Page } from "@playwright/test";
import { signIn } from "./accounts";

/** The create-endpoint wizard, as a person moves through it. */
export const currentStep = (page: Page) =>
  page.getByRole("navigation", { name: "Wizard steps" }).locator('[aria-current="step"]');
export const expectStep = (page: Page, title: string) =>
  expect(currentStep(page)).toHaveAttribute("aria-label", new RegExp(`: ${title} \\(`));
export const number = (page: Page, label: string) => page.getByRole("spinbutton", { name: label, exact: true });
export const next = (page: Page) => page.getByRole("button", { name: "Next" }).click();

/** Signed in, on a fresh wizard (no draft left from an earlier test). */
export async function openWizard(page: Page) {
  await signIn(page);
  await page.goto("/endpoints/new");
  await page.evaluate(() => localStorage.removeItem("novita-console:endpoint-draft"));
  await page.reload();
  await expect(page.getByRole("radio", { name: /ComfyUI worker/ })).toBeVisible();
}
