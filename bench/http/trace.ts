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

/** Traces `page` while `during` runs; returns main-thread ms per poll (and idle) for participants GETs. */
export async function traceMainThread(browser: Browser, page: Page, during: () => Promise<void>): Promise<PollWork> {
  await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
  await during();
  const buf = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buf.toString("utf8")) as { traceEvents: TraceEvent[] };
  const sends = traceEvents.filter(
    (e) => e.name === "ResourceSendRequest" && /\/participants(\?|$)/.test(e.args?.data?.url ?? ""),
  );
  const finishes = new Map(
    traceEvents.filter((e) => e.name === "ResourceFinish").map((e) => [e.args?.data?.requestId, e.ts]),
  );
  const main = sends[0];
  if (!main) return { work: [], idle: [], longest: 0 };
  const tasks = traceEvents.filter(
    (e) => e.name === "RunTask" && e.ph === "X" && e.pid === main.pid && e.tid === main.tid,
  );
  const cpuIn = (from: number, to: number) =>
    tasks.filter((t) => t.ts >= from && t.ts < to).reduce((a, t) => a + (t.tdur ?? t.dur ?? 0), 0) / 1000;
  const work: number[] = [];
  const idle: number[] = [];
  let longest = 0;
  // The first answers' seconds overlap the page's load and first render: not counted.
  for (const send of sends.slice(2)) {
    const done = finishes.get(send.args?.data?.requestId);
    if (done === undefined) continue;
    work.push(cpuIn(done, done + 1_000_000));
    idle.push(cpuIn(send.ts - 1_000_000, send.ts));
    for (const t of tasks)
      if (t.ts >= done && t.ts < done + 1_000_000) longest = Math.max(longest, (t.tdur ?? t.dur ?? 0) / 1000);
  }
  return { work, idle, longest };
}
