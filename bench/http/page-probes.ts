/**
 * Scripts the browser rows run inside the page (serialised by Playwright, so each is
 * self-contained): timing a click to the frame that shows its effect, and probing the
 * main thread after each poll's answer.
 *
 * "To the paint": the time from the pointerdown event to a task queued after the
 * first animation frame that follows the DOM change, i.e. once that frame was
 * produced. Main-thread work: after each participants answer a MessageChannel probe
 * pings itself for 900 ms; every gap over 2 ms is a task that held the main thread,
 * and their sum is the work the update caused (the same probe 1 s later, with no
 * answer, is the idle baseline: the ticking durations and the probe's own cost).
 */

declare global {
  interface Window {
    __click?: Promise<{ optimistic: number; confirmed: number; state?: string }>;
    __patches: number[];
    __polls: { work: number; longest: number; idle: number }[];
  }
}

/** Installed before the page's scripts (addInitScript): PATCH timings and per-poll probes. */
export function initProbes(): void {
  window.__patches = [];
  window.__polls = [];
  const probe = (ms: number): Promise<{ work: number; longest: number }> =>
    new Promise((resolve) => {
      const ch = new MessageChannel();
      const start = performance.now();
      let last = start;
      let work = 0;
      let longest = 0;
      ch.port1.onmessage = () => {
        const now = performance.now();
        const gap = now - last;
        if (gap > 2) work += gap;
        longest = Math.max(longest, gap);
        last = now;
        if (now - start < ms) ch.port2.postMessage(0);
        else resolve({ work, longest });
      };
      ch.port2.postMessage(0);
    });
  const real = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const t = performance.now();
    const res = await real(input, init);
    if (method === "PATCH")
      void res
        .clone()
        .text()
        .then(() => window.__patches.push(performance.now() - t));
    if (method === "GET" && /\/participants(\?|$)/.test(url)) {
      void probe(900).then(async (poll) => {
        const idle = await new Promise<number>((r) => setTimeout(() => void probe(700).then((p) => r(p.work)), 100));
        window.__polls.push({ ...poll, idle });
      });
    }
    return res;
  };
}

/** Arms a one-shot timer for the next pointerdown: resolves when `done(row)` shows the effect, then when it settles. */
export function armClick(arg: { selector: string; wantLabel: string; optimisticOnly?: boolean }): void {
  window.__click = new Promise((resolve) => {
    let state = "no pointerdown";
    // Never waits for ever: a click whose effect never shows answers -1 and what it saw.
    setTimeout(() => resolve({ optimistic: -1, confirmed: -1, state }), 15_000);
    addEventListener(
      "pointerdown",
      (e) => {
        const t0 = e.timeStamp;
        state = "pointerdown";
        let optimistic = -1;
        let confirmed = -1;
        let sawBusy = false;
        const afterPaint = (then: (ms: number) => void) =>
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => then(performance.now() - t0);
            ch.port2.postMessage(0);
          });
        const check = () => {
          const el = document.querySelector(arg.selector);
          if (!el) {
            state = `no ${arg.selector}`;
            return;
          }
          const shown = el.querySelector(`[aria-label^="${arg.wantLabel} "]`) !== null;
          if (el.hasAttribute("aria-busy")) sawBusy = true;
          state = `shown ${shown}, saw busy ${sawBusy}, busy ${el.hasAttribute("aria-busy")}, optimistic ${optimistic}`;
          if (optimistic === -1 && shown) {
            optimistic = 0;
            afterPaint((ms) => {
              optimistic = ms;
              if (arg.optimisticOnly) {
                mo.disconnect();
                resolve({ optimistic, confirmed: -1 });
              }
            });
          }
          if (optimistic !== -1 && confirmed === -1 && shown && sawBusy && !el.hasAttribute("aria-busy")) {
            confirmed = 0;
            afterPaint((ms) => {
              confirmed = ms;
              mo.disconnect();
              const wait = () => (optimistic > 0 ? resolve({ optimistic, confirmed }) : setTimeout(wait, 5));
              wait();
            });
          }
        };
        const mo = new MutationObserver(check);
        mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      },
      { capture: true, once: true },
    );
  });
}

/** Sums long tasks (PerformanceObserver "longtask") for `ms`. */
export function longTasksFor(ms: number): Promise<{ total: number; longest: number; count: number }> {
  return new Promise((resolve) => {
    let total = 0;
    let longest = 0;
    let count = 0;
    const po = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        total += e.duration;
        longest = Math.max(longest, e.duration);
        count++;
      }
    });
    po.observe({ type: "longtask" });
    setTimeout(() => {
      po.disconnect();
      resolve({ total, longest, count });
    }, ms);
  });
}
