import { useSyncExternalStore } from "react";

/**
 * One shared one-second clock for everything that ticks (durations, "updated 3 s
 * ago"): a single interval however many rows subscribe, and only the components
 * that read it re-render. Before hydration it reads 0, so callers render nothing
 * time-dependent on the server.
 */
const listeners = new Set<() => void>();
let now = typeof window === "undefined" ? 0 : Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

// Must return the same value until the clock ticks (React compares snapshots).
const getSnapshot = () => now;

const getServerSnapshot = () => 0;

/** The current time in ms, updated every second; 0 during server rendering. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
