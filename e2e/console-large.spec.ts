/**
 * A 500-participant conference: the list is virtualised (only rows near the
 * viewport are in the DOM), and keyboard navigation, accessible names, search and
 * Select all still work across the whole list.
 */
import { expect, test } from "./fixtures";
import { expectEmulator, fmt, openConsole } from "./console-helpers";

const SIZE = 500;

// Trace snapshots of a 500-row page (and its timeline) cost seconds per action on a
// 2-core machine, which would measure the tracer rather than the console.
test.use({ trace: "off" });
const cli = (i: number) => `+4670${1_000_000 + i}`;

test("500 participants: virtualised, navigable by keyboard, searchable, bulk-mutable", async ({
  moderatorPage: page,
  room,
}) => {
  test.setTimeout(240_000);
  const conf = await room(
    "big",
    Array.from({ length: SIZE }, (_, i) => ({ cli: cli(i), durationSeconds: 4000 - i })),
  );
  await openConsole(page, conf.id);
  await expect(page.getByTestId("count-participants")).toContainText(String(SIZE));

  const list = page.getByRole("list", { name: "Participants" });
  await expect(list).toHaveAttribute("data-virtualized", "true");
  const inDom = await page.getByTestId("participant-row").count();
  expect(inDom).toBeGreaterThan(5);
  expect(inDom).toBeLessThan(80);

  // j moves through rows beyond the first screenful; the focused row is scrolled into view.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 40; i++) await page.keyboard.press("j");
  const fortieth = page.getByTestId("participant-row").filter({ hasText: fmt(cli(39)) });
  await expect(fortieth).toHaveAttribute("data-focused", "true");
  await expect(fortieth).toBeInViewport();
  await expect(fortieth).toHaveAttribute("aria-posinset", "40");
  await expect(fortieth).toHaveAttribute("aria-setsize", String(SIZE));
  await page.keyboard.press("m");
  await expectEmulator(conf.id, conf.by(cli(39)).callId, { muted: true });

  // The last row is reachable by scrolling, with its accessible names.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const last = `Mute ${fmt(cli(SIZE - 1))}`;
  await expect(page.getByRole("button", { name: last, exact: true })).toBeInViewport();
  expect(await page.getByTestId("participant-row").count()).toBeLessThan(80);

  // Search narrows to a plain list.
  await page.getByRole("searchbox", { name: "Search participants" }).fill(cli(250).slice(-6));
  await expect(page.getByTestId("participant-row")).toHaveCount(1);
  await page.getByRole("searchbox", { name: "Search participants" }).fill("");

  // Select all, except one, then mute: one request for 499 people.
  await page.getByRole("checkbox", { name: "Select all", exact: true }).check();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole("checkbox", { name: `Select ${fmt(cli(0))}`, exact: true }).uncheck();
  await expect(page.getByTestId("selection-count")).toContainText(`${SIZE - 1} selected`);
  await page.getByRole("button", { name: "Mute selected", exact: true }).click();
  await expect(page.getByTestId("bulk-summary")).toContainText(`${SIZE - 1} muted`, { timeout: 120_000 });
  await expectEmulator(conf.id, conf.by(cli(0)).callId, { muted: false });
  await expectEmulator(conf.id, conf.by(cli(SIZE - 1)).callId, { muted: true });
  await expect(page.getByTestId("count-muted")).toContainText(String(SIZE - 1));
});
