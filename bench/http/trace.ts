/**
 * Main-thread work per poll update, from a Chrome trace: the CPU time (thread time,
 * so time the OS gave to other processes on this busy 2-core machine is not counted)
 * of the renderer main thread's tasks (RunTask) in the second after each participants
 * answer finished loading, against the same sum in the second before the request was
 * sent (the idle baseline: the ticking durations and anything else the page does).
 */
import type { Browser, Page } from "@playwright/test";

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  /** `src_func`: what posted a task (the "toplevel" category). */
  args?: { data?: { url?: string; requestId?: string }; src_func?: string };
}

export interface PollWork {
  work: number[];
  idle: number[];
  longest: number;
}

export type Span = [from: number, to: number];

export interface PollWindows {
  /** The page's main-thread complete events. */
  main: TraceEvent[];
  /** Per poll: the second after its answer finished loading, the second before its request. */
  windows: { after: Span; before: Span }[];
}

export const within = (ts: number, [from, to]: Span) => ts >= from && ts < to;

/** The participants polls in a trace, the first `skip` left out (they overlap the page's load). */
export function pollWindows(events: TraceEvent[], skip: number): PollWindows {
  const sends = events.filter(
    (e) => e.name === "ResourceSendRequest" && /\/participants(\?|$)/.test(e.args?.data?.url ?? ""),
  );
  const finished = new Map(
    events.filter((e) => e.name === "ResourceFinish").map((e) => [e.args?.data?.requestId, e.ts]),
  );
  const first = sends[0];
  const main = first ? events.filter((e) => e.ph === "X" && e.pid === first.pid && e.tid === first.tid) : [];
  const windows: PollWindows["windows"] = [];
  for (const send of sends.slice(skip)) {
    const done = finished.get(send.args?.data?.requestId);
    if (done !== undefined) windows.push({ after: [done, done + 1e6], before: [send.ts - 1e6, send.ts] });
  }
  return { main, windows };
}

/** Traces `page` while `during` runs; returns main-thread ms per poll (and idle) for participants GETs. */
export async function traceMainThread(browser: Browser, page: Page, during: () => Promise<void>): Promise<PollWork> {
  await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
  await during();
  const buf = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buf.toString("utf8")) as { traceEvents: TraceEvent[] };
  // The first answers' seconds overlap the page's load and first render: not counted.
  const { main, windows } = pollWindows(traceEvents, 2);
  const tasks = main.filter((e) => e.name === "RunTask");
  const ms = (t: TraceEvent) => (t.tdur ?? t.dur ?? 0) / 1000;
  const cpuIn = (w: Span) => tasks.filter((t) => within(t.ts, w)).reduce((a, t) => a + ms(t), 0);
  const work: number[] = [];
  const idle: number[] = [];
  let longest = 0;
  for (const { after, before } of windows) {
    work.push(cpuIn(after));
    idle.push(cpuIn(before));
    for (const t of tasks) if (within(t.ts, after)) longest = Math.max(longest, ms(t));
  }
  return { work, idle, longest };
}
