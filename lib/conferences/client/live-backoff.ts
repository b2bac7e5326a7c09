/**
 * The live poll, made to honour Sinch's Retry-After: after a poll answered
 * `rate_limited` with `retryAfterSeconds`, the next poll waits that long instead of
 * one poll window, so "retrying in 6 s" in the header is what happens, and Gavel
 * does not keep knocking on a door Sinch asked it to leave shut. A wrapper rather
 * than an edit of useConferenceLive: the interval is chosen from the query's own
 * last error, which the console re-renders on.
 */
import { useQueryClient } from "@tanstack/react-query";
import { ApiError } from "../../api/errors";
import { conferenceKeys } from "../types";
import { useConferenceLive } from "./queries";

/** The wait before the next poll after `error`: Sinch's Retry-After when it gave one and it is longer. */
export function pollWaitMs(error: unknown, intervalMs: number): number {
  if (!(error instanceof ApiError) || error.code !== "rate_limited") return intervalMs;
  const after = error.details?.retryAfterSeconds;
  return typeof after === "number" ? Math.max(intervalMs, after * 1000) : intervalMs;
}

export function useConferenceLivePolite(id: string, intervalMs: number) {
  const error = useQueryClient().getQueryState(conferenceKeys.live(id))?.error;
  return useConferenceLive(id, pollWaitMs(error, intervalMs));
}
