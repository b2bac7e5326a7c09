/**
 * The table's browser rows, in Chromium (/usr/bin/chromium through Playwright, with
 * e2e's flags) against the production build: click → muted (optimistic) and
 * → confirmed at 0 and 100 ms upstream latency beside a plain DOM button,
 * main-thread work per poll update at 50, 500 and 2,000 rows, the timeline panel's
 * long tasks open vs collapsed, and first-load JavaScript per page (gzip).
 */
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "../../e2e/chromium";
import { percentile } from "../../e2e/http-session";
import { room, sleep } from "./load";
import { armClick, initProbes, longTasksFor } from "./page-probes";
import { traceMainThread } from "./trace";
import type { Results } from "./table";
import { direct, sinchConferencePath, type Stack } from "./stack";
import { timedAt } from "../../e2e/http-session";

/** The named room's numbers start here (+46702000000), apart from the other rooms'. */
export const NAMED_FIRST = 2_000_000;

export interface BrowserSizes {
  clicks: number;
  polls: number;
  timelineSeconds: number;
  bareUrl: string | null;
}

export async function signedIn(browser: Browser, s: Stack): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const who = s.moderators[0]!;
  const eq = who.cookie.indexOf("=");
  await ctx.addCookies([{ name: who.cookie.slice(0, eq), value: who.cookie.slice(eq + 1), url: s.base }]);
  // tsx compiles with keepNames: functions sent to the page call esbuild's __name helper.
  await ctx.addInitScript({ content: "window.__name = (f) => f;" });
  await ctx.addInitScript(initProbes);
  return ctx;
}

export async function openConsole(page: Page, s: Stack, id: string): Promise<void> {
  await page.goto(`${s.base}/conferences/${encodeURIComponent(id)}`);
  await page.getByTestId("live-status").and(page.locator('[data-state="live"]')).waitFor({ timeout: 60_000 });
}

/** Click → effect shown and → confirmed, p50 over `n` clicks alternating mute and unmute. */
async function clicks(
  page: Page,
  n: number,
  callId: string,
  label: string,
): Promise<{ opt: number[]; conf: number[] }> {
  const opt: number[] = [];
  const conf: number[] = [];
  const row = `[data-call-id="${callId}"]`;
  for (let i = 0; i < n; i++) {
    const muted = (await page.locator(`${row} [aria-label^="Unmute"]`).count()) > 0;
    await page.evaluate(armClick, { selector: row, wantLabel: muted ? "Mute" : "Unmute" });
    await page.locator(`${row} [aria-label^="${muted ? "Unmute" : "Mute"} ${label}"]`).click();
    const r = await page.evaluate(() => window.__click!);
    if (r.optimistic < 0 || r.confirmed < 0)
      throw new Error(`click ${i} on ${callId}: the row never showed the change (${r.state})`);
    opt.push(r.optimistic);
    conf.push(r.confirmed);
  }
  return { opt, conf };
}

export async function browserRows(s: Stack, res: Results, z: BrowserSizes): Promise<void> {
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const ctx = await signedIn(browser, s);
    const page = await ctx.newPage();
    page.on("pageerror", (e) => console.error(`page error: ${e.message}`));

    // The plain DOM button: the same timer, a button that changes its own label.
    await page.setContent(
      `<ul><li data-call-id="x"><button aria-label="Mute x" onclick="this.setAttribute('aria-label','Unmute x');this.textContent='Unmute'">Mute</button></li></ul>`,
    );
    const plain: number[] = [];
    for (let i = 0; i < z.clicks; i++) {
      await page.evaluate(() => document.querySelector("button")!.setAttribute("aria-label", "Mute x"));
      await page.evaluate(armClick, { selector: '[data-call-id="x"]', wantLabel: "Unmute", optimisticOnly: true });
      await page.locator("button").click();
      plain.push((await page.evaluate(() => window.__click!)).optimistic);
    }
    const plainP50 = percentile(plain, 50);

    const cid = "bench-click";
    const [callId] = await room(s.emu, cid, 10);
    const label = (await import("../../lib/conferences/format")).formatNumber("+46701000000");
    await openConsole(page, s, cid);
    await page.evaluate(() => (window.__patches = []));
    const fast = await clicks(page, z.clicks, callId!, label);
    const fastPatch = percentile(await page.evaluate(() => window.__patches), 50);
    const slowFault = await s.emu.control.addFault({
      match: {},
      count: 1_000_000,
      fault: { type: "latency", ms: 100 },
    });
    await page.evaluate(() => (window.__patches = []));
    const slow = await clicks(page, Math.max(2, Math.ceil(z.clicks / 2)), callId!, label);
    const slowPatch = percentile(await page.evaluate(() => window.__patches), 50);
    await s.emu.control.removeFault(slowFault.id);
    const under50 = fast.opt.filter((t) => t < 50).length;
    res.add({
      id: "click-optimistic",
      measure: "click → row shows muted (optimistic), to the paint (p50)",
      goal: "< 50 ms",
      gavel: percentile(fast.opt, 50),
      baseline: plainP50,
      unit: "ms",
      detail: `p95 ${percentile(fast.opt, 95).toFixed(0)} ms; ${under50} of ${fast.opt.length} under 50`,
      baselineIs: "a plain DOM button",
    });
    res.add({
      id: "click-confirmed-0",
      measure: "click → row confirmed, 0 ms upstream latency (p50)",
      goal: "≤ upstream + 50 ms",
      gavel: percentile(fast.conf, 50),
      baseline: fastPatch,
      unit: "ms",
      baselineIs: "the PATCH itself, in the page",
    });
    res.add({
      id: "click-confirmed-100",
      measure: "click → row confirmed, 100 ms upstream latency (p50)",
      goal: "≤ upstream + 50 ms",
      gavel: percentile(slow.conf, 50),
      baseline: slowPatch,
      unit: "ms",
      baselineIs: "the PATCH itself, in the page",
    });

    // Main-thread work per poll update (bench/http/trace.ts: CPU time of the renderer's
    // tasks). One participant muted or unmuted at Sinch per poll window, so every poll
    // brings a changed list (a 200, never a 304 that costs the page nothing): what a
    // poll changing one row costs. (A join would also start the new row's highlight.)
    // The 500 room again with every number in the directory: rows show names first
    // (issue 13), and the list is searched by name too.
    // Its own numbers, so the other rooms stay nameless as before.
    await nameEveryone(s, NAMED_FIRST, 500);
    for (const [size, id] of [
      [50, "bench-rows-50"],
      [500, "bench-rows-500"],
      [500, "bench-names"],
      [2000, "bench-rows-2000"],
    ] as const) {
      const named = id === "bench-names";
      const [changing] = await room(s.emu, id, size, named ? NAMED_FIRST : undefined);
      const polls = await traceMainThread(browser, page, async () => {
        await openConsole(page, s, id);
        // A names row that showed numbers would measure the wrong page.
        if (named) await page.getByText("Person 1 Benchmark", { exact: true }).first().waitFor({ timeout: 30_000 });
        const end = Date.now() + (z.polls + 2) * 2000 + 1000;
        for (let k = 0; Date.now() < end; k++) {
          const command = k % 2 === 0 ? "mute" : "unmute";
          await direct(s.emu, "PATCH", `${sinchConferencePath(id)}/${changing}`, { command });
          await sleep(2000);
        }
      });
      const added = polls.work.map((w, i) => Math.max(0, w - (polls.idle[i] ?? 0)));
      res.add({
        id: named ? `main-thread-${size}-names` : `main-thread-${size}`,
        measure: `main-thread work a poll adds (one row changed per poll), ${size} rows${named ? " with names" : ""} (p95)`,
        goal: "p95 < 16 ms",
        gavel: percentile(added, 95),
        baseline: percentile(polls.idle, 95),
        unit: "ms",
        detail:
          `p50 ${percentile(added, 50).toFixed(0)} ms, worst poll ${Math.max(...added).toFixed(0)} ms; the second after the poll in all: ` +
          `p50 ${percentile(polls.work, 50).toFixed(0)}, p95 ${percentile(polls.work, 95).toFixed(0)} ms; ` +
          `longest task ${polls.longest.toFixed(0)} ms, ${polls.work.length} polls`,
        baselineIs: "the page's own second before each poll (ticking durations, paint)",
      });
    }

    // The timeline panel of a room of 600 (each join is an event), open and then collapsed.
    const tid = "bench-timeline";
    await room(s.emu, tid, 600);
    await openConsole(page, s, tid);
    await sleep(2500); // the first polls record the joins
    await page.reload();
    await openConsole(page, s, tid);
    const open = await page.evaluate(longTasksFor, z.timelineSeconds * 1000);
    await page.getByRole("button", { expanded: true, name: /timeline/i }).click();
    const shut = await page.evaluate(longTasksFor, z.timelineSeconds * 1000);
    const per = (ms: number) => ms / (z.timelineSeconds / 5);
    res.add({
      id: "timeline-long-tasks",
      measure: "long tasks per 5 s timeline refresh, room of 600",
      goal: "no task over 50 ms",
      gavel: per(open.total),
      baseline: per(shut.total),
      unit: "ms",
      detail: `${open.count} long tasks, longest ${open.longest.toFixed(0)} ms`,
      baselineIs: `panel collapsed (${shut.count} long tasks)`,
    });
    await ctx.close();

    await firstLoadRows(browser, s, res, z.bareUrl);
  } finally {
    await browser.close();
  }
}

/**
 * Puts a contact in the directory for each of `n` numbers `room()` makes from
 * `first`, through the import API as the admin (what a real directory import does),
 * so the rows read names from it.
 */
export async function nameEveryone(s: Stack, first: number, n: number): Promise<void> {
  const lines = Array.from({ length: n }, (_, i) => `Person ${i + 1} Benchmark,+4670${String(first + i)},Bench Org,`);
  const text = ["name,numbers,organisation,notes", ...lines].join("\n");
  const r = await timedAt(s.base, s.admin, "POST", "/api/directory/import", { text });
  if (r.status !== 200) throw new Error(`directory import for the names row answered ${r.status}: ${r.body ?? ""}`);
}

/** Gzip'd size of every script a page loads until the network is idle, summed (first load, empty cache). */
async function firstLoadJs(browser: Browser, url: string, cookie?: { s: Stack }): Promise<number> {
  const ctx = cookie ? await signedIn(browser, cookie.s) : await browser.newContext();
  const page = await ctx.newPage();
  const bodies: Promise<number>[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "script")
      bodies.push(
        r.body().then(
          (b) => gzipSync(b).length,
          () => 0,
        ),
      );
  });
  await page.goto(url, { waitUntil: "networkidle" });
  const total = (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
  await ctx.close();
  return total / 1024;
}

async function firstLoadRows(browser: Browser, s: Stack, res: Results, bareUrl: string | null): Promise<void> {
  const bare = bareUrl ? await firstLoadJs(browser, bareUrl.replace(/\/api\/.*$/, "/")) : null;
  const pages: [string, string, string, boolean][] = [
    ["js-conference", "conference page", "/conferences/bench-click", true],
    ["js-home", "home", "/", true],
    ["js-sign-in", "sign-in", "/login", false],
  ];
  for (const [id, name, p, auth] of pages) {
    res.add({
      id,
      measure: `first-load JavaScript, ${name} (gzip, scripts loaded in Chromium)`,
      goal: id === "js-conference" ? "≤ 200 kB" : "report",
      gavel: await firstLoadJs(browser, `${s.base}${p}`, auth ? { s } : undefined),
      baseline: bare,
      unit: "kB",
      baselineIs: bare === null ? "bare Next app not built" : "bare Next 16 app",
    });
  }
}
