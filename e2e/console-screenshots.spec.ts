/**
 * Screenshots of the console in both themes, at desktop and phone widths, for a
 * person to look at (test-results/screenshots/*.png); each also checks that
 * nothing overflows the viewport sideways.
 */
import { expect, test } from "./fixtures";
import { lookAs, noSidewaysOverflow, THEMES, VIEWPORTS } from "./screenshot-helpers";
import { NUMBERS, fmt, openConsole } from "./console-helpers";

for (const theme of THEMES) {
  for (const vp of VIEWPORTS) {
    test(`conference and home pages, ${theme} theme, ${vp.name}`, async ({ adminPage: page, room }) => {
      test.setTimeout(120_000);
      await lookAs(page, theme, vp);

      const conf = await room("weekly-sync", [
        { cli: NUMBERS[0], durationSeconds: 3725 },
        { cli: NUMBERS[1], muted: true, durationSeconds: 1810 },
        { cli: NUMBERS[2], onhold: true, moh: "music1", durationSeconds: 1500 },
        { cli: NUMBERS[3], muted: true, onhold: true, moh: "ring", durationSeconds: 920 },
        { cli: NUMBERS[4], durationSeconds: 400 },
        { cli: NUMBERS[5], durationSeconds: 35 },
      ]);
      await openConsole(page, conf.id, 6);
      // Who is signed in, and as what, shows at every width.
      await expect(page.getByTestId(vp.name === "mobile" ? "signed-in-as-short" : "signed-in-as")).toContainText(
        "(Admin)",
      );
      await page.getByRole("checkbox", { name: `Select ${fmt(NUMBERS[1])}`, exact: true }).check();
      await page.getByRole("checkbox", { name: `Select ${fmt(NUMBERS[4])}`, exact: true }).check();
      await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark)/);
      await noSidewaysOverflow(page);
      await page.screenshot({ path: `test-results/screenshots/conference-${theme}-${vp.name}.png`, fullPage: true });

      await page.getByRole("button", { name: "End meeting" }).click();
      await expect(page.getByRole("alertdialog")).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/end-meeting-${theme}-${vp.name}.png` });
      await page.keyboard.press("Escape");

      await page.goto("/");
      await expect(page.getByTestId("conference-item").first()).toBeVisible();
      await noSidewaysOverflow(page);
      await page.screenshot({ path: `test-results/screenshots/home-${theme}-${vp.name}.png`, fullPage: true });
    });
  }
}
