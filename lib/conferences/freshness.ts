/**
 * How fresh the console's participant list is, said honestly: "live" only while the
 * last list that arrived is younger than two poll windows. A poll can stall for
 * seconds inside one request (Gavel's Sinch client waits out a short Retry-After
 * itself), so the state is computed from the list's age against a ticking clock,
 * never from "no error yet". Client-safe and pure, so it is unit tested.
 */
import { ApiError } from "../api/errors";

export type Freshness =
  | { state: "connecting" }
  | { state: "live"; ageMs: number }
  /** Sinch asked Gavel to wait, or has not answered yet: nothing is wrong on Gavel's side. */
  | { state: "waiting"; reason: string; retryInSeconds: number | null; ageMs: number | null }
  | { state: "stale"; reason: string; ageMs: number | null };

export interface FreshnessInput {
  /** Date.now() when the last successful list arrived in this browser. */
  receivedAt: number | undefined;
  /** The last poll's error, when it failed (cleared by the next success). */
  error: Error | null;
  /** When that error arrived (Date.now()). */
  errorAt: number;
  /** Whether a poll is in flight now. */
  fetching: boolean;
  /** The clock; 0 before hydration. */
  now: number;
  pollIntervalMs: number;
}

/** How many poll windows a list may be old and still be called live. */
export const LIVE_WINDOWS = 2;

export function freshness({ receivedAt, error, errorAt, fetching, now, pollIntervalMs }: FreshnessInput): Freshness {
  // Before the clock runs (hydration) a list just received is as old as nothing.
  const clock = now || receivedAt || 0;
  const ageMs = receivedAt === undefined ? null : Math.max(0, clock - receivedAt);
  if (error) {
    if (error instanceof ApiError && error.code === "rate_limited") {
      const after = error.details?.retryAfterSeconds;
      const retryInSeconds =
        typeof after === "number" ? Math.max(0, Math.ceil(after - Math.max(0, clock - errorAt) / 1000)) : null;
      return { state: "waiting", reason: "rate limited", retryInSeconds, ageMs };
    }
    return { state: "stale", reason: error.message, ageMs };
  }
  if (receivedAt === undefined || ageMs === null) return { state: "connecting" };
  if (ageMs < LIVE_WINDOWS * pollIntervalMs) return { state: "live", ageMs };
  // No error, yet the list is old: a poll is stuck inside Sinch's slowness, or none ran
  // (a hidden tab stops polling; coming back starts one).
  return fetching
    ? { state: "waiting", reason: "no answer yet", retryInSeconds: null, ageMs }
    : { state: "stale", reason: "no new list", ageMs };
}

/** "14 s", "3 min": how old the last list is, for "last list 14 s old". */
export function formatAge(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h`;
}

/** The sentence the header and the tab title show, without the list's age. */
export function freshnessHeadline(f: Freshness): string {
  switch (f.state) {
    case "connecting":
      return "Connecting…";
    case "live":
      return "Live";
    case "waiting":
      return `Waiting for Sinch: ${f.reason}${
        f.retryInSeconds === null ? "" : f.retryInSeconds > 0 ? `, retrying in ${f.retryInSeconds} s` : ", retrying now"
      }`;
    case "stale":
      return `Stale: ${f.reason}`;
  }
}

/** The tab title's prefix: "Stale: " or "Waiting: " while the list is not live, else nothing. */
export function freshnessTitlePrefix(f: Freshness): string {
  if (f.state === "stale") return "Stale: ";
  if (f.state === "waiting") return "Waiting: ";
  return "";
}
