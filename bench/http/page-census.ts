/**
 * What the conference page does per poll, counted rather than timed
 * (`npm run bench -- --only page-census [--rows 500] [--seconds 20]`): in the page
 * profile's room (named-room.ts), the React commits per poll, each component's
 * renders and its own render time (React's profiling build: `next build --profile
 * --no-mangling`, into `<dist-dir>-census`, so components keep their names), and the
 * timers and animation frames that fired, by the code that set them (through the
 * build's source maps). The profile says where the time goes; this says who asked
 * for the work. Its figures are of a profiling build: compare them with each other,
 * not with the suite's.
 */
import type { BrowserContext } from "@playwright/test";
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "../../e2e/chromium";
import { originOf } from "./chunk-maps";
import { openNamedRoom, type NamedRoomBench } from "./named-room";
import { buildGavel, startStack } from "./stack";

/** What the page's census holds when read: per component and per call site, over the counted time. */
interface CensusReading {
  commits: number;
  renderMs: number;
  components: [name: string, renders: number, selfMs: number][];
  timers: [site: string, fired: number][];
}

/**
 * Runs in the page before any of its scripts (so React finds the hook when it starts):
 * a React DevTools global hook that walks each committed tree, and wrappers of
 * setTimeout, setInterval and requestAnimationFrame that count each callback's firing
 * under the stack that set it. Counting starts with `__gavelCensus.start()`.
 */
function installCensus(): void {
  interface Fiber {
    type: unknown;
    flags: number;
    child: Fiber | null;
    sibling: Fiber | null;
    selfBaseDuration?: number;
    actualDuration?: number;
  }
  type Named = { displayName?: string; name?: string; render?: Named; type?: Named };
  const components = new Map<string, [number, number]>();
  const timers = new Map<string, number>();
  let commits = 0;
  let renderMs = 0;
  let on = false;
  // The fibers of the last committed tree: a fiber that rendered again is its alternate,
  // a new object, so one that is still here was skipped (and keeps its old flags).
  let previous = new Set<Fiber>();
  const nameOf = (t: unknown): string | null => {
    if (!t || typeof t === "string") return null;
    const n = t as Named;
    return (
      n.displayName || n.name || n.render?.displayName || n.render?.name || n.type?.displayName || n.type?.name || null
    );
  };
  const PERFORMED_WORK = 1;
  (window as unknown as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    isDisabled: false,
    supportsFiber: true,
    renderers: new Map(),
    inject(renderer: unknown) {
      (this as { renderers: Map<number, unknown> }).renderers.set(1, renderer);
      return 1;
    },
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
    onCommitFiberRoot(_renderer: number, root: { current: Fiber }) {
      const seen = new Set<Fiber>();
      const stack: Fiber[] = [root.current];
      let rendered = false;
      while (stack.length > 0) {
        const f = stack.pop()!;
        seen.add(f);
        if (on && (f.flags & PERFORMED_WORK) !== 0 && !previous.has(f)) {
          const name = nameOf(f.type);
          if (name) {
            const [n, ms] = components.get(name) ?? [0, 0];
            components.set(name, [n + 1, ms + (f.selfBaseDuration ?? 0)]);
            rendered = true;
          }
        }
        if (f.sibling) stack.push(f.sibling);
        if (f.child) stack.push(f.child);
      }
      previous = seen;
      if (on && rendered) {
        commits++;
        renderMs += root.current.actualDuration ?? 0;
      }
    },
  };
  // Deep enough to reach the app's frame under the libraries' (React's, TanStack's).
  Error.stackTraceLimit = 40;
  const site = (kind: string) => `${kind}\n${(new Error().stack ?? "").split("\n").slice(3).join("\n")}`;
  const counted = <A extends unknown[]>(at: string, cb: (...a: A) => unknown) =>
    function (this: unknown, ...a: A) {
      if (on) timers.set(at, (timers.get(at) ?? 0) + 1);
      return cb.apply(this, a);
    };
  for (const name of ["setTimeout", "setInterval"] as const) {
    const set = window[name] as (cb: unknown, ms?: number, ...a: unknown[]) => number;
    (window as unknown as Record<string, unknown>)[name] = (cb: unknown, ms?: number, ...a: unknown[]) =>
      set(typeof cb === "function" ? counted(site(`${name} ${ms ?? 0} ms`), cb as () => unknown) : cb, ms, ...a);
  }
  const raf = window.requestAnimationFrame;
  window.requestAnimationFrame = (cb) => raf(counted(site("requestAnimationFrame"), cb));
  (window as unknown as Record<string, unknown>).__gavelCensus = {
    start() {
      on = true;
    },
    read(): CensusReading {
      on = false;
      return {
        commits,
        renderMs,
        components: [...components].map(([name, [n, ms]]) => [name, n, ms]),
        timers: [...timers],
      };
    },
  };
}

/** A stack line "at fn (http://…/_next/static/chunks/x.js:1:2345)" as "fn file:line" through the maps. */
function frameOf(line: string, distDir: string): string {
  const m = /at (?:(\S+) \()?(https?:\/\/[^)\s]+):(\d+):(\d+)\)?/.exec(line);
  if (!m) return line.trim();
  const at = originOf(distDir, { url: m[2]!, lineNumber: Number(m[3]) - 1, columnNumber: Number(m[4]) - 1 }, true);
  return `${m[1] ?? "(anonymous)"} ${at ?? new URL(m[2]!).pathname}`;
}

export async function benchPageCensus(o: NamedRoomBench): Promise<void> {
  console.log(`\n## What the conference page does per poll, ${o.rows} named rows (--only page-census)\n`);
  const distDir = `${o.distDir}-census`;
  buildGavel(distDir, false, { GAVEL_BROWSER_SOURCE_MAPS: "on" }, ["--profile", "--no-mangling"]);
  const s = await startStack({ ...o, distDir, viewerPeople: 1, moderators: 1 });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const { page, changeOneRowPerPoll } = await openNamedRoom(browser, s, o.rows, (ctx: BrowserContext) =>
      ctx.addInitScript(installCensus),
    );
    await page.evaluate(() => (window as unknown as { __gavelCensus: { start(): void } }).__gavelCensus.start());
    await changeOneRowPerPoll(o.seconds * 1000);
    const r = await page.evaluate(() =>
      (window as unknown as { __gavelCensus: { read(): CensusReading } }).__gavelCensus.read(),
    );
    const polls = o.seconds / 2;
    const per = (n: number, digits = 1) => (n / polls).toFixed(digits);
    console.log(
      `React commits that rendered a component: ${per(r.commits)} per poll; ` +
        `render time (the root's actualDuration): ${per(r.renderMs, 2)} ms per poll (${polls} polls)\n`,
    );
    console.log("Components rendered, per poll: renders, own render time (ms); by time:");
    for (const [name, n, ms] of r.components.sort((a, b) => b[2] - a[2]).slice(0, 30))
      console.log(`  ${per(n).padStart(5)}  ${per(ms, 3).padStart(7)}  ${name}`);
    console.log("\nTimers and animation frames fired, per poll, by where they were set:");
    for (const [at, n] of r.timers.sort((a, b) => b[1] - a[1]).slice(0, 12)) {
      const [kind, ...frames] = at.split("\n");
      console.log(`  ${per(n).padStart(5)}  ${kind}`);
      const shown = frames.filter((l) => !l.includes("<anonymous>")).map((l) => frameOf(l, distDir));
      // The first two frames, and the first of Gavel's own code below them.
      const own = shown.findIndex((f) => / (components|lib|app)\//.test(f));
      for (const f of own > 1 ? [...shown.slice(0, 2), "…", shown[own]!] : shown.slice(0, 3))
        console.log(`           ${f}`);
    }
  } finally {
    await browser.close();
    await s.stop();
  }
}
