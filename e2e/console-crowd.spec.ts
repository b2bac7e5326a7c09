/**
 * However many people watch a conference, Gavel asks Sinch about it at most once
 * per poll window: counted on the wire, in the emulator's request log.
 */
import { expect, test } from "./fixtures";
import { BASE_URL, emulator } from "./helpers";
import { NUMBERS, openConsole } from "./console-helpers";

const VIEWERS = 20;
const WATCH_MS = 10_000;
const POLL_WINDOW_MS = 2_000; // GAVEL_POLL_INTERVAL_MS's default, which the e2e server uses

// Twenty traced contexts are heavy on a 2-core machine; this test is about the wire.
test.use({ trace: "off", screenshot: "off" });

test("20 viewers of one conference for 10 s cause at most one upstream GET per poll window", async ({
  playwright,
  launchOptions,
  apiAs,
  room,
}) => {
  test.setTimeout(600_000);
  // Twenty contexts (twenty sessions, as twenty people) sharing a few renderer
  // processes: twenty renderers would only measure how this machine forks.
  const browser = await playwright.chromium.launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []), "--renderer-process-limit=4"],
  });
  const conf = await room("crowd", [{ cli: NUMBERS[0] }, { cli: NUMBERS[1] }]);

  // Sign in once; every viewer reuses the session.
  const storageState = await (await apiAs("support")).storageState();

  const contexts = await Promise.all(
    Array.from({ length: VIEWERS }, () => browser.newContext({ baseURL: BASE_URL, storageState })),
  );
  try {
    const pages = await Promise.all(contexts.map((c) => c.newPage()));
    // One after another: twenty first loads at once would only measure this 2-core machine.
    for (const page of pages) await openConsole(page, conf.id, 2);

    const since = await emulator.lastSeq();
    // Not a wait for something to happen: the test counts what happens in this window.
    await new Promise((r) => setTimeout(r, WATCH_MS));
    const gets = (await emulator.requests(since)).filter(
      (r) => r.operation === "getConference" && r.decodedPath.includes(conf.id),
    );
    test.info().annotations.push({ type: "upstream GETs", description: `${gets.length} in ${WATCH_MS} ms` });
    expect(gets.length).toBeLessThanOrEqual(WATCH_MS / POLL_WINDOW_MS + 2);
    // Still polling, all of them: nobody went stale.
    expect(gets.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
    await browser.close();
  }
});
