/**
 * Where the conference page's main-thread time goes when a poll changes one row
 * (`npm run bench -- --only page-profile [--rows 500] [--seconds 20]`): the room of
 * `rows` named participants (the browser suite's "500 rows with names" row), one mute
 * or unmute at Sinch per poll window, against a production build of its own
 * (`<dist-dir>-maps`, with the browser chunks' source maps) in Chromium. It prints the
 * same measure as the suite's row (work in the second after each answer less the
 * second before), the page's requests per minute by route, and, for the second after
 * each answer beside the second before: the trace's events, the main thread's tasks by
 * what posted them (frames, timers, microtasks, network), and a CPU profile's samples
 * charged to the nearest Gavel function on their stack (through the source maps); then
 * JavaScript self time by original module. BENCHMARKS.md keeps the runs' findings.
 */
import type { Page } from "@playwright/test";
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "../../e2e/chromium";
import { originOf } from "./chunk-maps";
import { percentile } from "../../e2e/http-session";
import { openNamedRoom, type NamedRoomBench } from "./named-room";
import { buildGavel, startStack } from "./stack";
import { pollWindows, traceMainThread, within, type PollWindows, type TraceEvent, type Span } from "./trace";

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function top<K>(m: Map<K, number>, n: number): [K, number][] {
  return [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/** Totals keyed per poll, in the second after each answer and the second before its request. */
class AfterBefore {
  readonly after = new Map<string, number>();
  readonly before = new Map<string, number>();
  readonly afterCount = new Map<string, number>();
  readonly beforeCount = new Map<string, number>();
  constructor(readonly polls: number) {}

  add(key: string, ms: number, side: "after" | "before"): void {
    const [sum, count] = side === "after" ? [this.after, this.afterCount] : [this.before, this.beforeCount];
    sum.set(key, (sum.get(key) ?? 0) + ms);
    count.set(key, (count.get(key) ?? 0) + 1);
  }

  /** Adds `ms` under `key` if `ts` is in a poll's second after or before. */
  addAt(ts: number, key: string, ms: number, w: PollWindows["windows"]): void {
    for (const { after, before } of w) {
      if (within(ts, after)) return this.add(key, ms, "after");
      if (within(ts, before)) return this.add(key, ms, "before");
    }
  }

  print(title: string, limit: number, counts = false): void {
    const n = Math.max(1, this.polls);
    console.log(`\n${title}, ms per poll, after / before (${this.polls} polls):`);
    for (const [k, v] of top(this.after, limit)) {
      const times = counts
        ? `  ${((this.afterCount.get(k) ?? 0) / n).toFixed(1)} / ${((this.beforeCount.get(k) ?? 0) / n).toFixed(1)} times`
        : "";
      console.log(
        `  ${(v / n).toFixed(2).padStart(6)}  ${((this.before.get(k) ?? 0) / n).toFixed(2).padStart(6)}${times}  ${k}`,
      );
    }
  }
}

/** Each trace event's thread time, by event name (nested events overlap). */
function eventsPerPoll({ main, windows }: PollWindows): AfterBefore {
  const out = new AfterBefore(windows.length);
  for (const e of main) out.addAt(e.ts, e.name, (e.tdur ?? e.dur ?? 0) / 1000, windows);
  return out;
}

const TASK = "ThreadControllerImpl::RunTask";

/**
 * Each poll's second after less its second before, with the page's other answers
 * that finished in either: a poll's worst seconds may hold another panel's refresh.
 */
function printPolls(events: TraceEvent[], { main, windows }: PollWindows): void {
  const urls = new Map(
    events
      .filter((e) => e.name === "ResourceSendRequest")
      .map((e) => [e.args?.data?.requestId, new URL(e.args?.data?.url ?? "http://x/").pathname]),
  );
  const others = events.filter(
    (e) => e.name === "ResourceFinish" && !/\/participants$/.test(urls.get(e.args?.data?.requestId) ?? ""),
  );
  const tasks = main.filter((e) => e.name === TASK);
  const cpu = (w: Span) => tasks.filter((t) => within(t.ts, w)).reduce((a, t) => a + (t.tdur ?? t.dur ?? 0), 0) / 1000;
  const names = (w: Span) =>
    others
      .filter((e) => within(e.ts, w))
      .map((e) => (urls.get(e.args?.data?.requestId) ?? "?").replace(/^\/api\/conferences\/[^/]+\//, ""))
      .join(", ") || "-";
  const sum = (name: RegExp, w: Span) =>
    main.filter((e) => name.test(e.name) && within(e.ts, w)).reduce((a, e) => a + (e.tdur ?? e.dur ?? 0), 0) / 1000;
  const gc = /^(MajorGC|MinorGC)$/;
  const byPoster = (w: Span) => {
    const m = new Map<string, number>();
    for (const t of tasks.filter((x) => within(x.ts, w)))
      m.set(t.args?.src_func ?? "?", (m.get(t.args?.src_func ?? "?") ?? 0) + (t.tdur ?? t.dur ?? 0) / 1000);
    return m;
  };
  const mostAdded = (after: Span, before: Span) => {
    const a = byPoster(after);
    const b = byPoster(before);
    for (const [k, v] of b) a.set(k, (a.get(k) ?? 0) - v);
    return top(a, 3)
      .map(([k, v]) => `${k} +${v.toFixed(1)}`)
      .join(", ");
  };
  const render = /^(UpdateLayoutTree|Layout|Paint|PrePaint|Layerize|Commit)$/;
  const js = /^(FunctionCall|TimerFire|EventDispatch|FireAnimationFrame)$/;
  const both = (what: RegExp, after: Span, before: Span) =>
    `${sum(what, after).toFixed(1)} / ${sum(what, before).toFixed(1)}`;
  console.log(
    `\nEach poll: the second after less the second before; garbage collection and style+layout+paint in each; other answers in each:`,
  );
  for (const { after, before } of windows)
    console.log(
      `  ${(cpu(after) - cpu(before)).toFixed(1).padStart(6)} ms  gc ${both(gc, after, before)}` +
        `  render ${both(render, after, before)}  js ${both(js, after, before)}` +
        `  answers ${names(after)} / ${names(before)}` +
        `  most added: ${mostAdded(after, before)}`,
    );
}

/**
 * The main thread's tasks by what posted them (the trace's "toplevel" category names
 * the function) and their longest event inside: which kinds of task a poll adds
 * (frames, timers, microtasks, network messages), and how many.
 */
function tasksBySource({ main, windows }: PollWindows): AfterBefore {
  const out = new AfterBefore(windows.length);
  const inner = main.filter((e) => e.name !== TASK && e.name !== "RunTask");
  for (const task of main.filter((e) => e.name === TASK)) {
    const end = task.ts + (task.dur ?? 0);
    let longest: TraceEvent | undefined;
    for (const e of inner) if (e.ts >= task.ts && e.ts < end && (e.dur ?? 0) > (longest?.dur ?? -1)) longest = e;
    const key = `${task.args?.src_func ?? "?"} > ${longest?.name ?? "-"}`;
    out.addAt(task.ts, key, (task.tdur ?? task.dur ?? 0) / 1000, windows);
  }
  return out;
}

/** A frame of Gavel's own code ("fn components/…:line"), or null for anything else. */
function gavelFrame(distDir: string, f: ProfileNode["callFrame"]): string | null {
  const at = f.url ? originOf(distDir, f, true) : null;
  return at && /^(components|lib|app)\//.test(at) ? `${f.functionName || "(anonymous)"} ${at}` : null;
}

/** What work with no Gavel frame above it is charged to: the leaf and its module. */
function leafLabel(distDir: string, f: ProfileNode["callFrame"]): string {
  return `[no Gavel frame] ${f.functionName || "(anonymous)"} ${f.url ? (originOf(distDir, f) ?? "") : ""}`;
}

function selfTimeByModule(profile: CpuProfile, distDir: string): Map<string, number> {
  const self = new Map<number, number>();
  profile.samples.forEach((node, i) => self.set(node, (self.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const by = new Map<string, number>();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    if (!f.url) continue;
    const key = originOf(distDir, f) ?? f.url;
    by.set(key, (by.get(key) ?? 0) + (self.get(n.id) ?? 0));
  }
  return by;
}

/**
 * Sampled time in the second after each participants answer and the second before its
 * request, charged to the nearest frame of Gavel's own code on the stack (what made the
 * work happen), or to the leaf when no Gavel frame is on it (the event loop, paint).
 */
function causedBy(profile: CpuProfile, { windows }: PollWindows, distDir: string): AfterBefore {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const label = new Map<number, string>();
  const labelOf = (leaf: number): string => {
    const hit = label.get(leaf);
    if (hit) return hit;
    let found: string | null = null;
    for (let id: number | undefined = leaf; id !== undefined && !found; id = parent.get(id))
      found = gavelFrame(distDir, byId.get(id)!.callFrame);
    found ??= leafLabel(distDir, byId.get(leaf)!.callFrame);
    label.set(leaf, found);
    return found;
  };
  const out = new AfterBefore(windows.length);
  let t = profile.startTime;
  profile.samples.forEach((node, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (byId.get(node)?.callFrame.functionName !== "(idle)") out.addAt(t, labelOf(node), dt / 1000, windows);
  });
  return out;
}

interface HeapNode {
  callFrame: ProfileNode["callFrame"];
  selfSize: number;
  children: HeapNode[];
}

async function profileWhile(page: Page, during: () => Promise<void>): Promise<{ cpu: CpuProfile; heap: HeapNode }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("HeapProfiler.enable");
  // Every allocation, including what the collectors freed since: what makes them run.
  await cdp.send("HeapProfiler.startSampling", {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await cdp.send("Profiler.start");
  await during();
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile };
  const heap = (await cdp.send("HeapProfiler.stopSampling")) as unknown as { profile: { head: HeapNode } };
  await cdp.detach();
  return { cpu: profile, heap: heap.profile.head };
}

/** Bytes allocated (sampled), charged to the nearest Gavel frame on the stack, or to the leaf's module. */
function allocatedBy(head: HeapNode, distDir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (n: HeapNode, gavel: string | null) => {
    const here = gavelFrame(distDir, n.callFrame) ?? gavel;
    if (n.selfSize) {
      const key = here ?? leafLabel(distDir, n.callFrame);
      out.set(key, (out.get(key) ?? 0) + n.selfSize);
    }
    for (const c of n.children) walk(c, here);
  };
  walk(head, null);
  return out;
}

export async function benchPageProfile(o: NamedRoomBench): Promise<void> {
  console.log(`\n## The conference page per poll, ${o.rows} named rows (--only page-profile)\n`);
  // Its own build, with the browser chunks' source maps, so the profile names Gavel's functions.
  const distDir = `${o.distDir}-maps`;
  buildGavel(distDir, false, { GAVEL_BROWSER_SOURCE_MAPS: "on" });
  const s = await startStack({ ...o, distDir, viewerPeople: 1, moderators: 1 });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const asked = new Map<string, number>();
    let counting = false;
    const { page, changeOneRowPerPoll } = await openNamedRoom(browser, s, o.rows, async (ctx) => {
      ctx.on("request", (r) => {
        const path = new URL(r.url()).pathname;
        if (counting && path.startsWith("/api/"))
          asked.set(`${r.method()} ${path}`, (asked.get(`${r.method()} ${path}`) ?? 0) + 1);
      });
    });

    const ms = o.seconds * 1000;
    const polls = await traceMainThread(browser, page, () => changeOneRowPerPoll(ms));
    const added = polls.work.map((w, i) => Math.max(0, w - (polls.idle[i] ?? 0)));
    console.log(
      `Work a poll adds (the suite's measure): p50 ${percentile(added, 50).toFixed(1)} ms, p95 ${percentile(added, 95).toFixed(1)} ms ` +
        `over ${added.length} polls (${added.map((a) => a.toFixed(0)).join(", ")}); the second before: p50 ${percentile(polls.idle, 50).toFixed(1)} ms\n`,
    );

    await browser.startTracing(page, {
      // "toplevel": each task's poster (tasksBySource).
      categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel"],
    });
    counting = true;
    const { cpu: profile, heap } = await profileWhile(page, () => changeOneRowPerPoll(ms));
    counting = false;
    const trace = JSON.parse((await browser.stopTracing()).toString("utf8")) as { traceEvents: TraceEvent[] };

    console.log(`Requests the page made, per minute:`);
    for (const [k, v] of top(asked, 20)) console.log(`  ${((v * 60) / o.seconds).toFixed(1).padStart(6)}  ${k}`);
    const polled = pollWindows(trace.traceEvents, 1);
    printPolls(trace.traceEvents, polled);
    eventsPerPoll(polled).print("Trace events on the main thread (nested events overlap)", 24);
    tasksBySource(polled).print("Main-thread tasks by what posted them > their longest event", 16, true);
    causedBy(profile, polled, distDir).print("Sampled time charged to the nearest Gavel frame on the stack", 30);
    console.log(`\nJavaScript self time by original module, ms per poll window (sampled every 0.2 ms):`);
    const windows = Math.max(1, Math.round(o.seconds / 2));
    for (const [k, v] of top(selfTimeByModule(profile, distDir), 25))
      console.log(`  ${(v / windows).toFixed(2).padStart(6)}  ${k}`);
    console.log(`\nMemory allocated (sampled), charged to the nearest Gavel frame on the stack, kB per poll window:`);
    for (const [k, v] of top(allocatedBy(heap, distDir), 25))
      console.log(`  ${(v / 1024 / windows).toFixed(1).padStart(7)}  ${k}`);
  } finally {
    await browser.close();
    await s.stop();
  }
}
