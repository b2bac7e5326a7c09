/**
 * How often the live poll runs. While the tab is visible, every poll window; while
 * it is hidden, HIDDEN_POLL_FACTOR times more slowly, and still in the background
 * (TanStack's refetchIntervalInBackground), so a join can reach the tab's title and
 * a notification. Either way Sinch's Retry-After is honoured: after a poll answered
 * `rate_limited` with `retryAfterSeconds`, the next poll waits that long instead of
 * one window, so "retrying in 6 s" in the header is what happens, and Gavel does not
 * keep knocking on a door Sinch asked it to leave shut. A wrapper rather than an edit
 * of useConferenceLive: the interval is chosen from the query's own last error and
 * the tab's visibility, which the console re-renders on.
 */
import { useQueryClient } from "@tanstack/react-query";
import { ApiError } from "../../api/errors";
import { useDocumentVisible } from "../../ui/client/use-document-visible";
import { conferenceKeys } from "../types";
import { useConferenceLive } from "./queries";

/** While the tab is hidden the list is still read, this many times more slowly than when visible. */
export const HIDDEN_POLL_FACTOR = 3;

/** The poll window: `intervalMs` while the tab is visible, HIDDEN_POLL_FACTOR times that while it is hidden. */
export function pollWindowMs(intervalMs: number, visible: boolean): number {
  return visible ? intervalMs : intervalMs * HIDDEN_POLL_FACTOR;
}

/** The wait before the next poll after `error`: Sinch's Retry-After when it gave one and it is longer. */
export function pollWaitMs(error: unknown, intervalMs: number): number {
  if (!(error instanceof ApiError) || error.code !== "rate_limited") return intervalMs;
  const after = error.details?.retryAfterSeconds;
  return typeof after === "number" ? Math.max(intervalMs, after * 1000) : intervalMs;
}

/** The live query's interval: the window for the tab's visibility, or Sinch's longer Retry-After. */
export function livePollIntervalMs(error: unknown, intervalMs: number, visible: boolean): number {
  return pollWaitMs(error, pollWindowMs(intervalMs, visible));
}

export function useConferenceLivePolite(id: string, intervalMs: number) {
  const visible = useDocumentVisible();
  const error = useQueryClient().getQueryState(conferenceKeys.live(id))?.error;
  return useConferenceLive(id, livePollIntervalMs(error, intervalMs, visible), { inBackground: true });
}
