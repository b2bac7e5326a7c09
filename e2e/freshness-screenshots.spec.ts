/**
 * Screenshots of the console header's freshness states (Live, Stale, Waiting) and of
 * the home list (a room not watched yet, a count "as of" some time ago), in both
 * themes at desktop and phone widths, for a person to look at
 * (test-results/screenshots/freshness-*.png); each checks nothing overflows sideways.
 */
import { expect, test } from "./fixtures";
import { lookAs, noSidewaysOverflow, THEMES, VIEWPORTS } from "./screenshot-helpers";
import { BASE_URL } from "./helpers";
import { NUMBERS, openConsole } from "./console-helpers";

for (const theme of THEMES) {
  for (const vp of VIEWPORTS) {
    test(`freshness states and the home list, ${theme} theme, ${vp.name}`, async ({
      moderatorPage: page,
      apiAs,
      room,
      fault,
    }) => {
      test.setTimeout(120_000);
      await lookAs(page, theme, vp);
      const shot = (name: string) =>
        page.screenshot({ path: `test-results/screenshots/freshness-${name}-${theme}-${vp.name}.png` });

      const conf = await room("weekly-sync", [{ cli: NUMBERS[0] }, { cli: NUMBERS[1], muted: true }]);
      const status = page.getByTestId("live-status");
      await openConsole(page, conf.id, 2);
      await expect(status).toHaveAttribute("data-state", "live");
      await noSidewaysOverflow(page);
      await shot("live");

      // Gavel's client retries a GET up to 3 times on 503: plenty, so the poll fails.
      const down = await fault({
        match: { operation: "getConference", path: conf.id },
        count: 40,
        fault: { type: "status", status: 503, errorCode: 50300, message: "Conference service overloaded" },
      });
      await expect(status).toHaveAttribute("data-state", "stale", { timeout: 20_000 });
      await expect(status).toContainText(/last list \d+ s old/);
      await noSidewaysOverflow(page);
      await shot("stale");
      await down();
      await expect(status).toHaveAttribute("data-state", "live", { timeout: 15_000 });

      await fault({
        match: { operation: "getConference", path: conf.id },
        count: 1,
        fault: { type: "status", status: 429, errorCode: 42900, message: "Too many requests", retryAfter: 30 },
      });
      await expect(status).toContainText("retrying in", { timeout: 15_000 });
      await noSidewaysOverflow(page);
      await shot("waiting");

      // Home: this room, read a moment ago, and one Gavel knows but never read.
      const unwatched = await room("quarterly-review", [{ cli: NUMBERS[2] }]);
      const api = await apiAs("moderator");
      await api.post("/api/conferences", { data: { conferenceId: unwatched.id }, headers: { origin: BASE_URL } });
      await page.goto("/");
      const item = (id: string) => page.getByTestId("conference-item").filter({ hasText: id });
      await expect(item(unwatched.id)).toContainText("Not watched yet");
      await expect(item(conf.id)).toContainText("as of", { timeout: 20_000 });
      await noSidewaysOverflow(page);
      await page.screenshot({
        path: `test-results/screenshots/freshness-home-${theme}-${vp.name}.png`,
        fullPage: true,
      });
    });
  }
}
