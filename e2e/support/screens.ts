import type { Page } from "@playwright/test";

export type ColorScheme = "light" | "dark";

/** Runs `shoot` in light then dark, each at 1440 and 390 px wide (900 px high): the screenshot tests' screens. */
export async function forEachScreen(page: Page, shoot: (scheme: ColorScheme, width: number) => Promise<void>) {
  for (const scheme of ["light", "dark"] as const) {
    for (const width of [1440, 390]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      await shoot(scheme, width);
    }
  }
}
