/**
 * Scripts the browser rows run inside the page (serialised by Playwright, so each is
 * self-contained): timing a click to the frame that shows its effect, PATCH timings,
 * and long tasks.
 *
 * "To the paint": the time from the pointerdown event to a task queued after the
 * first animation frame that follows the DOM change, i.e. once that frame was
 * produced. (Main-thread work per poll is read from a Chrome trace: trace.ts.)
 */

declare global {
  interface Window {
    __click?: Promise<{ optimistic: number; confirmed: number; state?: string }>;
    __patches: number[];
  }
}

/** Installed before the page's scripts (addInitScript): how long each PATCH took, seen from the page. */
export function initProbes(): void {
  window.__patches = [];
  const real = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const t = performance.now();
    const res = await real(input, init);
    if (method === "PATCH")
      void res
        .clone()
        .text()
        .then(() => window.__patches.push(performance.now() - t));
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
