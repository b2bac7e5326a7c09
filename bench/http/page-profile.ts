/**
 * Where the conference page's main-thread time goes when a poll changes one row
 * (`npm run bench -- --only page-profile [--rows 500] [--seconds 20]`): the room of
 * `rows` named participants (the browser suite's "500 rows with names" row), one mute
 * or unmute at Sinch per poll window, against the production build in Chromium. It
 * prints the same measure as the suite's row (work in the second after each answer
 * less the second before), the page's requests per minute by route (what each poll
 * makes the page ask for), the trace's events per poll window after and before each
 * answer, and the JavaScript self time by function from a CPU profile (minified
 * names: the chunk and column locate them in the build's static/chunks).
 * BENCHMARKS.md keeps one run's findings.
 */
import type { Page } from "@playwright/test";
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "../../e2e/chromium";
import { percentile } from "../../e2e/http-session";
import { NAMED_FIRST, nameEveryone, openConsole, signedIn } from "./browser";
import { room, sleep } from "./load";
import { buildGavel, direct, sinchConferencePath, startStack, type Stack } from "./stack";
import { traceMainThread, type TraceEvent } from "./trace";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One mute or unmute of `callId` at Sinch per poll window (2 s in the bench's stack), for `ms`. */
async function changeOneRowPerPoll(s: Stack, id: string, callId: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (let k = 0; Date.now() < end; k++) {
    await direct(s.emu, "PATCH", `${sinchConferencePath(id)}/${callId}`, { command: k % 2 === 0 ? "mute" : "unmute" });
    await sleep(2000);
  }
}

function top<K>(m: Map<K, number>, n: number): [K, number][] {
  return [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/** Sum of each trace event's thread time in the second after each participants answer, and the second before its request. */
function eventsPerPoll(events: TraceEvent[]): {
  polls: number;
  after: Map<string, number>;
  before: Map<string, number>;
} {
  const sends = events.filter(
    (e) => e.name === "ResourceSendRequest" && /\/participants(\?|$)/.test(e.args?.data?.url ?? ""),
  );
  const finished = new Map(
    events.filter((e) => e.name === "ResourceFinish").map((e) => [e.args?.data?.requestId, e.ts]),
  );
  const first = sends[0];
  const main = first ? events.filter((e) => e.ph === "X" && e.pid === first.pid && e.tid === first.tid) : [];
  const after = new Map<string, number>();
  const before = new Map<string, number>();
  let polls = 0;
  for (const send of sends.slice(1)) {
    const done = finished.get(send.args?.data?.requestId);
    if (done === undefined) continue;
    polls++;
    for (const e of main) {
      const ms = (e.tdur ?? e.dur ?? 0) / 1000;
      if (e.ts >= done && e.ts < done + 1e6) after.set(e.name, (after.get(e.name) ?? 0) + ms);
      if (e.ts >= send.ts - 1e6 && e.ts < send.ts) before.set(e.name, (before.get(e.name) ?? 0) + ms);
    }
  }
  return { polls, after, before };
}

function selfTimeByFunction(profile: CpuProfile, base: string): Map<string, number> {
  const self = new Map<number, number>();
  profile.samples.forEach((node, i) => self.set(node, (self.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFn = new Map<string, number>();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    if (f.functionName === "(idle)") continue;
    const where = f.url
      ? ` ${f.url.replace(base, "").replace(/.*\/chunks\//, "")}:${f.lineNumber}:${f.columnNumber}`
      : "";
    const key = `${f.functionName || "(anonymous)"}${where}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (self.get(n.id) ?? 0));
  }
  return byFn;
}

async function profileWhile(page: Page, during: () => Promise<void>): Promise<CpuProfile> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await during();
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile };
  await cdp.detach();
  return profile;
}

export async function benchPageProfile(o: {
  distDir: string;
  port: number;
  emulatorPort: number;
  rows: number;
  seconds: number;
}): Promise<void> {
  console.log(`\n## The conference page per poll, ${o.rows} named rows (--only page-profile)\n`);
  buildGavel(o.distDir, false);
  const s = await startStack({ ...o, viewerPeople: 1, moderators: 1 });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    await nameEveryone(s, NAMED_FIRST, o.rows);
    const id = "bench-names";
    const [changing] = await room(s.emu, id, o.rows, NAMED_FIRST);
    const page = await (await signedIn(browser, s)).newPage();
    const asked = new Map<string, number>();
    let counting = false;
    page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (counting && path.startsWith("/api/"))
        asked.set(`${r.method()} ${path}`, (asked.get(`${r.method()} ${path}`) ?? 0) + 1);
    });
    await openConsole(page, s, id);
    await page.getByText("Person 1 Benchmark", { exact: true }).first().waitFor({ timeout: 30_000 });
    await sleep(3000); // past the first answers, which overlap the page's first render

    const ms = o.seconds * 1000;
    const polls = await traceMainThread(browser, page, () => changeOneRowPerPoll(s, id, changing!, ms));
    const added = polls.work.map((w, i) => Math.max(0, w - (polls.idle[i] ?? 0)));
    console.log(
      `Work a poll adds (the suite's measure): p50 ${percentile(added, 50).toFixed(1)} ms, p95 ${percentile(added, 95).toFixed(1)} ms ` +
        `over ${added.length} polls (${added.map((a) => a.toFixed(0)).join(", ")}); the second before: p50 ${percentile(polls.idle, 50).toFixed(1)} ms\n`,
    );

    await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
    counting = true;
    const profile = await profileWhile(page, () => changeOneRowPerPoll(s, id, changing!, ms));
    counting = false;
    const trace = JSON.parse((await browser.stopTracing()).toString("utf8")) as { traceEvents: TraceEvent[] };

    console.log(`Requests the page made, per minute:`);
    for (const [k, v] of top(asked, 20)) console.log(`  ${((v * 60) / o.seconds).toFixed(1).padStart(6)}  ${k}`);
    const per = eventsPerPoll(trace.traceEvents);
    console.log(`\nTrace events on the main thread, ms per poll (nested events overlap), ${per.polls} polls:`);
    console.log(`  ${"after".padStart(6)}  ${"before".padStart(6)}  event`);
    for (const [k, v] of top(per.after, 16))
      console.log(
        `  ${(v / per.polls).toFixed(2).padStart(6)}  ${((per.before.get(k) ?? 0) / per.polls).toFixed(2).padStart(6)}  ${k}`,
      );
    console.log(`\nJavaScript self time by function, ms per poll window (sampled every 0.2 ms):`);
    const windows = Math.max(1, Math.round(o.seconds / 2));
    for (const [k, v] of top(selfTimeByFunction(profile, s.base), 25))
      console.log(`  ${(v / windows).toFixed(2).padStart(6)}  ${k}`);
  } finally {
    await browser.close();
    await s.stop();
  }
}
