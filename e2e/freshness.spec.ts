/**
 * "Live" is said only while it is true: while Sinch rate-limits the polls, the header
 * and the tab title say what is happening (waiting, retrying in N s, how old the last
 * list is), checked against when the page really last received a list.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { NUMBERS, openConsole } from "./console-helpers";
import { emulator } from "./helpers";

const [A, B] = NUMBERS;
const POLL_WINDOW_MS = 2_000; // GAVEL_POLL_INTERVAL_MS's default, which the e2e server uses
const LIVE_LIMIT_MS = 2 * POLL_WINDOW_MS;
// The header's clock ticks once a second, and a list is read a little after it arrives.
const TICK_MS = 1_200;

interface Sample {
  t: number;
  state: string;
  text: string;
}

declare global {
  interface Window {
    __freshnessSamples?: Sample[];
  }
}

/** Records the header's state and text every 200 ms, in the page, until the test reads them. */
async function startSampling(page: Page): Promise<void> {
  await page.evaluate(() => {
    const samples: Sample[] = [];
    window.__freshnessSamples = samples;
    setInterval(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="live-status"]');
      if (el) samples.push({ t: Date.now(), state: el.dataset.state ?? "", text: el.textContent ?? "" });
    }, 200);
  });
}

/** The list's age the header shows, in seconds: "updated 3 s ago", "last list 14 s old". */
function shownAgeSeconds(text: string): number | null {
  if (/updated just now/.test(text)) return 0;
  const m = /updated (\d+) s ago|last list (\d+) s old/.exec(text);
  return m ? Number(m[1] ?? m[2]) : null;
}

/** Times (Date.now) at which the page finished receiving a participant list (200, or 304: unchanged). */
function recordLists(page: Page, conferenceId: string): number[] {
  const times: number[] = [];
  const path = `/api/conferences/${encodeURIComponent(conferenceId)}/participants`;
  page.on("requestfinished", (request) => {
    void request.response().then((res) => {
      // A 304 is a list received too: the one the page has, confirmed unchanged.
      if (res && (res.status() === 200 || res.status() === 304) && new URL(request.url()).pathname === path) {
        times.push(Date.now());
      }
    });
  });
  return times;
}

test("while Sinch holds polls with 429 and Retry-After, the page never says Live over a list older than two windows", async ({
  moderatorPage: page,
  room,
  fault,
}) => {
  test.setTimeout(90_000);
  const conf = await room("fresh429", [{ cli: A }, { cli: B }]);
  const lists = recordLists(page, conf.id);
  await openConsole(page, conf.id, 2);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  await startSampling(page);

  // 8 s is within what Gavel's Sinch client waits out by itself, so each poll stalls
  // inside one request (up to 4 tries) before it answers: no error reaches the page
  // for a long time, and only the list's age can tell.
  const remove = await fault({
    match: { operation: "getConference", path: conf.id },
    count: 100,
    fault: { type: "status", status: 429, errorCode: 42900, message: "Too many requests", retryAfter: 8 },
  });
  const since = Date.now();
  try {
    await page.waitForFunction((start) => (window.__freshnessSamples ?? []).some((s) => s.t - start >= 15_000), since, {
      timeout: 30_000,
      polling: 500,
    });
    await expect(page.getByTestId("live-status")).toContainText("Waiting for Sinch");
    await expect(page).toHaveTitle(`Waiting: (2) ${conf.id} · Gavel`);
  } finally {
    await remove();
  }
  const samples = (await page.evaluate(() => window.__freshnessSamples ?? [])).filter((s) => s.t >= since);

  const lastListBefore = (t: number) => lists.filter((at) => at <= t).reduce((a, b) => Math.max(a, b), -Infinity);
  let notLive = 0;
  for (const s of samples) {
    const age = s.t - lastListBefore(s.t);
    const shown = shownAgeSeconds(s.text);
    const where = `at +${s.t - since} ms the header said "${s.text}" (${s.state}) over a list ${age} ms old`;
    if (s.state === "live") expect(age, where).toBeLessThan(LIVE_LIMIT_MS + TICK_MS);
    else notLive += 1;
    if (age >= LIVE_LIMIT_MS + TICK_MS) expect(s.state, where).not.toBe("live");
    // The age it shows is the age the list has.
    expect(shown, where).not.toBeNull();
    expect(Math.abs((shown ?? 0) * 1000 - age), where).toBeLessThan(TICK_MS + 1000);
  }
  expect(samples.length).toBeGreaterThan(50);
  expect(notLive).toBeGreaterThan(0);

  // Once Sinch answers again, Live comes back by itself.
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", { timeout: 45_000 });
  await expect(page).toHaveTitle(`(2) ${conf.id} · Gavel`);
});

test("a Retry-After longer than Gavel waits is counted down in the header, and the next poll waits for it", async ({
  moderatorPage: page,
  room,
  fault,
}) => {
  test.setTimeout(90_000);
  const conf = await room("fresh429long", [{ cli: A }]);
  await openConsole(page, conf.id, 1);
  // Longer than the client's own wait (10 s): the poll answers at once with rate_limited.
  const remove = await fault({
    match: { operation: "getConference", path: conf.id },
    count: 1,
    fault: { type: "status", status: 429, errorCode: 42900, message: "Too many requests", retryAfter: 12 },
  });
  const status = page.getByTestId("live-status");
  await expect(status).toHaveAttribute("data-state", "waiting", { timeout: 15_000 });
  await expect(status).toContainText(/Waiting for Sinch: rate limited, retrying in 1[0-2] s/);
  await expect(page).toHaveTitle(`Waiting: (1) ${conf.id} · Gavel`);
  // It counts down, and the poll is not repeated meanwhile: the fault (one answer) is
  // used up, so an early poll would have brought Live back before the count ran out.
  await expect(status).toContainText(/retrying in [1-5] s/, { timeout: 15_000 });
  await expect(status).toHaveAttribute("data-state", "waiting");
  await remove();
  await expect(status).toHaveAttribute("data-state", "live", { timeout: 20_000 });
});

test("an unchanged room is polled with If-None-Match and answered 304, and the page stays live with its rows", async ({
  moderatorPage: page,
  room,
}) => {
  const conf = await room("fresh304", [{ cli: A }, { cli: B }]);
  const answers: { status: number; ifNoneMatch: string | undefined }[] = [];
  const path = `/api/conferences/${encodeURIComponent(conf.id)}/participants`;
  page.on("requestfinished", (request) => {
    if (new URL(request.url()).pathname !== path) return;
    void request.response().then(async (res) => {
      const sent = await request.allHeaders();
      if (res) answers.push({ status: res.status(), ifNoneMatch: sent["if-none-match"] });
    });
  });
  await openConsole(page, conf.id, 2);
  // Nobody joins or leaves: after the first list, polls are conditional and answered 304.
  await expect
    .poll(() => answers.filter((a) => a.status === 304).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(3);
  const notModified = answers.filter((a) => a.status === 304);
  for (const a of notModified) expect(a.ifNoneMatch).toMatch(/^W\/"/);
  await expect(page.getByTestId("participant-row")).toHaveCount(2);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  const age = shownAgeSeconds((await page.getByTestId("live-status").textContent()) ?? "");
  expect(age).not.toBeNull();
  expect(age!).toBeLessThanOrEqual(LIVE_LIMIT_MS / 1000);
  // A change in the room is a new list: 200, and the page shows it.
  await emulator.addParticipant(conf.id, { cli: "+12025550143" });
  await expect(page.getByTestId("participant-row")).toHaveCount(3);
});
