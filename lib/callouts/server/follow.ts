/**
 * Following callouts until they end. Sinch cannot call back a console on a private
 * network, so Gavel polls call info. Whoever reads callouts (the callouts page, a
 * conference's ghost rows) refreshes the ones that are not final yet: at most one GET
 * per callout per FOLLOW_MIN_INTERVAL_MS however many people watch (in-flight and
 * recent answers are shared), a few in parallel. A conference callout is "joined"
 * once its callId is in the room's participant list (read through the conference
 * poller's shared cache).
 *
 * Several instances on one database: before its GET, an instance claims the callout
 * for the interval ("callout:<id>", lib/fleet/server/leases.ts, one statement for all
 * the callouts of a read), so each callout is followed by one instance per interval
 * however many instances have readers; the others read what it recorded.
 */
import "server-only";
import { ApiError } from "../../api/errors";
import { config } from "../../config/env";
import { getLive } from "../../conferences/server/live";
import { db } from "../../db";
import { contactsByNumber } from "../../db/contacts";
import { log } from "../../log/logger";
import { isSinchError } from "../../sinch/errors";
import { sinchClient } from "../../platform/server/sinch";
import { reportWatchers } from "../../metrics/server/registry";
import { fleetLeases } from "../../fleet/server/leases";
import { processSingleton } from "../../util/server/process-singleton";
import { mapWithConcurrency } from "../../util/pool";
import { GHOST_ROW_WINDOW_MS, isFinal } from "../../vocabulary/callouts";
import type { CalloutView } from "../contract";
import { advance, stateFromCallInfo } from "../state";
import { watchUnknownPlacement } from "./unknown";
import {
  getCallout,
  listCallouts,
  listConferenceCallouts,
  markNotPlaced,
  recordProgress,
  toView,
  type Callout,
  type CalloutFilter,
} from "./store";

/** At most one call-info GET per callout in this window. */
export const FOLLOW_MIN_INTERVAL_MS = 1000;
/**
 * A callee in the room can only hang up from there: checking every 5 s is enough,
 * and an hour-long meeting full of dialled-in people does not cost a GET per person
 * per second.
 */
export const FOLLOW_JOINED_INTERVAL_MS = 5000;
/** Call-info GETs in flight at once for one read. */
const FOLLOW_CONCURRENCY = 8;
/**
 * Unfinished callouts refreshed per read, least recently checked first: a list of 500
 * ringing calls is brought up to date over a few polls rather than with 500 GETs at once.
 */
const FOLLOW_MAX_PER_READ = 40;
/** A callout Sinch has not heard of this long after it was placed is taken as lost. */
const LOST_AFTER_MS = 60_000;

interface FollowEntry {
  startedAt: number;
  promise: Promise<Callout>;
  /** Not final at its last check: still followed while someone reads. */
  open: boolean;
}

// One follower per process, however many times Next evaluates this module.
const following = processSingleton("calloutFollow", () => new Map<string, FollowEntry>());

// The metrics' active watchers: callouts not final at their last check, checked lately.
reportWatchers("callout_follower", () => {
  const since = Date.now() - 2 * FOLLOW_JOINED_INTERVAL_MS;
  let n = 0;
  for (const e of following.values()) if (e.open && e.startedAt >= since) n++;
  return n;
});

function sweep(now: number): void {
  if (following.size < 1000) return;
  for (const [id, e] of following) if (now - e.startedAt > 2 * FOLLOW_JOINED_INTERVAL_MS) following.delete(id);
}

async function inRoom(conferenceId: string, callId: string): Promise<boolean> {
  try {
    return (await getLive(conferenceId)).participants.some((p) => p.callId === callId);
  } catch {
    return false; // cannot tell: "answered" until the next look
  }
}

async function follow(c: Callout): Promise<Callout> {
  if (c.callId === null) {
    // After a restart nobody watches the room for it: start again (its audit entry is
    // reconciled from the audit side). It was stored before it was sent.
    if (c.state === "unknown") watchUnknownPlacement(c, null, c.createdAt);
    // Stored, but the process that was placing it never wrote Sinch's answer.
    const lostAfter = config().SINCH_TIMEOUT_MS + LOST_AFTER_MS;
    if (c.state === "placing" && Date.now() - c.createdAt > lostAfter) {
      return markNotPlaced(c.id, "Gavel stopped before Sinch answered: the call may or may not have been placed.");
    }
    return c;
  }
  let info;
  try {
    info = await sinchClient().getCall(c.callId);
  } catch (e) {
    if (isSinchError(e) && e.kind === "http" && e.status === 404 && Date.now() - c.createdAt > LOST_AFTER_MS) {
      return (
        (await recordProgress(c.id, {
          state: "ended",
          errorMessage: "Sinch no longer has this call: how it ended is unknown.",
        })) ?? c
      );
    }
    log("warn", "callout_follow_failed", { calloutId: c.id, callId: c.callId, error: String(e) });
    return c;
  }
  const answeredOngoing = info.status !== "FINAL" && info.result === "ANSWERED";
  const joined =
    answeredOngoing && c.conferenceId !== null && (c.state === "joined" || (await inRoom(c.conferenceId, c.callId)));
  const next = advance(c.state, stateFromCallInfo(info, joined));
  const unchanged =
    next === c.state &&
    (info.result ?? null) === c.result &&
    (info.reason ?? null) === c.reason &&
    (info.duration ?? null) === c.durationSeconds;
  if (unchanged) return c;
  return (
    (await recordProgress(c.id, {
      state: next,
      result: info.result ?? null,
      reason: info.reason ?? null,
      durationSeconds: info.duration ?? null,
    })) ?? c
  );
}

const intervalOf = (c: Callout) => (c.state === "joined" ? FOLLOW_JOINED_INTERVAL_MS : FOLLOW_MIN_INTERVAL_MS);

/** Whether this process asked Sinch about the callout within its interval (its answer is shared). */
function recentlyFollowed(c: Callout, now: number): FollowEntry | undefined {
  const recent = following.get(c.id);
  return recent && now - recent.startedAt < intervalOf(c) ? recent : undefined;
}

/**
 * One callout brought up to date, sharing a GET that is in flight or less than a second
 * old. `claimed`: this instance follows it this interval; otherwise another instance
 * does, and the callout is read back from the database.
 */
function followOnce(c: Callout, claimed: boolean): Promise<Callout> {
  const now = Date.now();
  const recent = recentlyFollowed(c, now);
  if (recent) return recent.promise;
  sweep(now);
  const work = claimed ? follow(c) : getCallout(c.id).then((fresh) => fresh ?? c);
  const promise = work.catch((e: unknown) => {
    log("error", "callout_follow_failed", { calloutId: c.id, error: String(e) });
    return c;
  });
  const entry: FollowEntry = { startedAt: now, promise, open: true };
  void promise.then((fresh) => (entry.open = !isFinal(fresh.state)));
  following.set(c.id, entry);
  return promise;
}

/** Claims, for their interval, the callouts this process is about to follow: those another instance does not. */
async function claimFollows(callouts: readonly Callout[]): Promise<Set<string>> {
  const now = Date.now();
  const stale = callouts.filter((c) => !recentlyFollowed(c, now));
  const claimed = new Set<string>();
  for (const interval of [FOLLOW_MIN_INTERVAL_MS, FOLLOW_JOINED_INTERVAL_MS]) {
    const jobs = stale.filter((c) => intervalOf(c) === interval).map((c) => `callout:${c.id}`);
    for (const job of await fleetLeases().claim(jobs, interval)) claimed.add(job.slice("callout:".length));
  }
  return claimed;
}

/** The callouts as given, those not final yet refreshed from Sinch (at most FOLLOW_MAX_PER_READ of them). */
export async function refreshCallouts(callouts: readonly Callout[]): Promise<Callout[]> {
  const lastChecked = (c: Callout) => following.get(c.id)?.startedAt ?? 0;
  const dueList = callouts
    .filter((c) => !isFinal(c.state))
    .sort((a, b) => lastChecked(a) - lastChecked(b))
    .slice(0, FOLLOW_MAX_PER_READ);
  const due = new Set(dueList.map((c) => c.id));
  const claimed = await claimFollows(dueList);
  return mapWithConcurrency(callouts, FOLLOW_CONCURRENCY, (c) =>
    due.has(c.id) ? followOnce(c, claimed.has(c.id)) : Promise.resolve(c),
  );
}

/** The list, with the directory's names for the destination numbers (one query for the page). */
export async function listCalloutViews(filter: CalloutFilter): Promise<CalloutView[]> {
  const views = (await refreshCallouts(await listCallouts(filter))).map(toView);
  const names = await contactsByNumber(
    await db(),
    views.flatMap((v) => (v.destination.type === "number" ? [v.destination.endpoint] : [])),
  );
  return views.map((v) => {
    const name = v.destination.type === "number" ? names.get(v.destination.endpoint)?.name : undefined;
    return name ? { ...v, name } : v;
  });
}

/**
 * The callouts into one conference its page shows as ghost rows: not final yet, or
 * ended within GHOST_ROW_WINDOW_MS; a callout that was retried gives way to its retry.
 */
export async function conferenceCalloutViews(conferenceId: string): Promise<CalloutView[]> {
  const rows = await listConferenceCallouts(conferenceId, Date.now() - GHOST_ROW_WINDOW_MS);
  const retried = new Set(rows.map((r) => r.retryOf).filter((id): id is string => id !== null));
  return (await refreshCallouts(rows.filter((r) => !retried.has(r.id)))).map(toView);
}

export async function getCalloutView(calloutId: string): Promise<CalloutView> {
  const c = await getCallout(calloutId);
  if (!c) throw new ApiError("not_found", `No callout ${calloutId}`);
  const [fresh] = await refreshCallouts([c]);
  return toView(fresh ?? c);
}
