/**
 * The poll path's one cache for this process, wired: participant lists come from
 * Sinch, labels from Gavel's callouts and names from the directory (./labels.ts), the
 * music of those on hold from Gavel's own hold commands (./hold-music.ts), and each list fetched is then
 * handed to reconciliation (./reconcile-watch.ts: commands whose outcome is unknown)
 * and the snapshot bookkeeping (./snapshot-hooks.ts: attendance, then the conference
 * record) without the viewers waiting for it. The caching itself
 * (coalescing, generations, invalidation) is ./live-cache.ts.
 *
 * With REDIS_URL set, the window is shared by every instance through Redis
 * (lib/fleet/server/shared-window.ts): one GET per window per conference for the fleet.
 *
 * Wired here, by import, rather than registered at start-up: whichever route first
 * reaches the cache (a poll, a command, a callout being followed) gets the same
 * labels and bookkeeping, whatever else its bundle loaded.
 */
import "server-only";
import { config } from "../../config/env";
import { countPollFetch } from "../../metrics/server/registry";
import { sinchClient } from "../../platform/server/sinch";
import { processSingleton } from "../../util/server/process-singleton";
import { instanceId } from "../../fleet/server/instance";
import { redisClient } from "../../fleet/server/redis";
import { createSharedWindow } from "../../fleet/server/shared-window";
import type { ConferenceLive } from "../schemas";
import { withHoldMusic } from "./hold-music";
import { labelsFor, withDirectoryNames } from "./labels";
import { createLiveCache, newLiveCacheState, type ConfirmedChange } from "./live-cache";
import { observe } from "./reconcile-watch";
import { afterSnapshot } from "./snapshot-hooks";

/** The poll window: an answer is reused until the next one starts. */
export function pollWindowMs(): number {
  return config().GAVEL_POLL_INTERVAL_MS;
}

// The state is the process's; the functions are this module's, so a dev reload's new
// code takes effect without dropping what is cached.
const live = createLiveCache(
  {
    fetchParticipants: async (conferenceId) => {
      countPollFetch();
      return withHoldMusic(conferenceId, await withDirectoryNames(await sinchClient().getConference(conferenceId)));
    },
    labels: labelsFor,
    // Reconciliation first: it only reads the list, and a decision should not wait for the database.
    subscribers: [
      { name: "reconcile", receive: observe },
      { name: "snapshot", receive: afterSnapshot },
    ],
    windowMs: pollWindowMs,
    // With REDIS_URL: one GET per window for the whole fleet (README "Running several instances").
    shared: createSharedWindow({
      redis: redisClient,
      instanceId,
      lockMs: () => 2 * config().SINCH_TIMEOUT_MS + 1000,
    }),
  },
  processSingleton("live", newLiveCacheState),
);

/** The conference's participants as Sinch sees them, labelled, at most one poll window old. */
export function getLive(conferenceId: string): Promise<ConferenceLive> {
  return live.get(conferenceId);
}

/** What getLive would answer without fetching: this window's list, the fetch in flight, or nothing. */
export function peekLive(
  conferenceId: string,
): { value: ConferenceLive } | { pending: Promise<ConferenceLive> } | undefined {
  return live.peek(conferenceId);
}

/** Whether a list of this conference was ever fetched by this process. */
export function knownLive(conferenceId: string): boolean {
  return live.known(conferenceId);
}

/** Forget what is known of a conference: the next getLive asks Sinch again. */
export function invalidateLive(conferenceId: string): void {
  live.invalidate(conferenceId);
}

/** A command Sinch confirmed: the cached list shows it at once, without another GET. */
export function confirmLive(conferenceId: string, change: ConfirmedChange): void {
  live.confirm(conferenceId, change);
}

/**
 * A participant's number for audit rows and messages. A command's target was on the
 * list the moderator clicked in, so the last list fetched knows it, and a mute does
 * not wait for another GET to Sinch; only an unknown callId asks Sinch again.
 */
export function participantNumber(conferenceId: string, callId: string): Promise<string | null> {
  return live.participantNumber(conferenceId, callId);
}

/** Resolves when the bookkeeping of every list fetched so far is done (tests, scripts). */
export function liveSettled(): Promise<void> {
  return live.settled();
}
