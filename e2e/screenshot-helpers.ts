/**
 * What every screenshot spec shares: the widths and themes a person looks at, and the
 * check that nothing overflows the viewport sideways.
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
