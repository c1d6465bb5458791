import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/accounts";

const PAGES = [
  // These hold what earlier specs created; their own specs cover their empty states.
  { link: "Endpoints", path: "/endpoints", empty: undefined },
  { link: "Jobs", path: "/jobs", empty: undefined },
  { link: "Workflows", path: "/workflows", empty: undefined },
  { link: "Gallery", path: "/gallery", empty: undefined },
  { link: "API", path: "/api-reference", empty: "Calling the API" },
  { link: "Settings", path: "/settings", empty: "Your profile" },
  { link: "Overview", path: "/", empty: "Latest outputs" },
];

async function chooseTheme(page: Page, theme: "Light" | "Dark" | "System") {
  await page.getByRole("button", { name: "Theme" }).click();
  await page.getByRole("menuitemradio", { name: theme }).click();
}

test("wide screen: the sidebar leads to every section, each explaining what will appear there", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const { link, path, empty } of PAGES) {
    await nav.getByRole("link", { name: link }).click();
    await expect(page).toHaveURL(new RegExp(`${path === "/" ? "/" : path}$`));
    await expect(page.getByRole("heading", { name: link, level: 1 })).toBeVisible();
    if (empty) await expect(page.getByText(empty, { exact: true })).toBeVisible();
    await expect(nav.getByRole("link", { name: link })).toHaveAttribute("aria-current", "page");
  }
  await expect(page.getByTestId("connection-status")).toHaveText("Local sandbox");
});

test("the theme follows the system until the user picks one, and the choice sticks", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await signIn(page);
  await expect(page.locator("html")).toHaveClass(/dark/);
  await chooseTheme(page, "Light");
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await chooseTheme(page, "System");
  await expect(page.locator("html")).toHaveClass(/dark/);
});

test("narrow screen (390 px): the sidebar collapses into a menu", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeHidden();
  await page.getByRole("button", { name: "Open menu" }).click();
  await expect(nav).toBeVisible();
  await nav.getByRole("link", { name: "Jobs" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(nav).toBeHidden();
  await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
  // Nothing spills sideways at this width.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

for (const { width, height, label } of [
  { width: 390, height: 844, label: "390" },
  { width: 1440, height: 900, label: "1440" },
]) {
  for (const scheme of ["light", "dark"] as const) {
    test(`screenshots of the shell at ${label} px, ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await signIn(page);
      await chooseTheme(page, "System");
      await page.keyboard.press("Escape");
      await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
      await page.screenshot({ path: `test-results/screens/overview-${label}-${scheme}.png`, fullPage: true });
      await page.goto("/settings");
      await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
      await page.screenshot({ path: `test-results/screens/settings-${label}-${scheme}.png`, fullPage: true });
      await page.goto("/endpoints");
      await page.screenshot({ path: `test-results/screens/endpoints-${label}-${scheme}.png`, fullPage: true });
      if (width < 1024) {
        await page.getByRole("button", { name: "Open menu" }).click();
        // The drawer downloads on first use: the picture waits for it.
        await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
        await page.screenshot({ path: `test-results/screens/menu-${label}-${scheme}.png` });
      }
    });
  }
}
