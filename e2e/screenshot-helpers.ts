/**
 * What every screenshot spec shares: the widths and themes a person looks at, setting a
 * page up to look at one, and the check that nothing overflows the viewport sideways.
 */
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "mobile", width: 375, height: 812 },
] as const;
export const THEMES = ["light", "dark"] as const;

export async function noSidewaysOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "page is wider than the viewport").toBeLessThanOrEqual(0);
}

/** Sets `page` to one viewport and theme (the system's and Gavel's own stored choice) before it loads. */
export async function lookAs(
  page: Page,
  theme: (typeof THEMES)[number],
  vp: { width: number; height: number },
): Promise<void> {
  await page.setViewportSize({ width: vp.width, height: vp.height });
  await page.emulateMedia({ colorScheme: theme });
  await page.addInitScript((t) => localStorage.setItem("gavel-theme", t), theme);
}
