/**
 * Attendance from polling. Each time Gavel learns a conference's participant list
 * from Sinch (lib/conferences/server/snapshot-hooks.ts, at most once per poll window per
 * conference however many people watch), the list is compared with the previous
 * one: new callIds open an attendance row, vanished ones close theirs.
 *
 * - Join time is `now - duration` (Sinch says how long each participant has been
 *   connected), so someone already in the room when Gavel first looks, or after a
 *   restart, gets their real join time, not the time Gavel noticed.
 * - The previous list lives in memory (a process singleton) and, when a process has none
 *   for a conference (first look, restart), is rebuilt from the rows still open in
 *   the database: a participant who left while Gavel was down is closed on the
 *   next poll instead of staying "connected" forever.
 * - Leave time is when Gavel noticed, if it was polling continuously (the error
 *   is at most one poll window: "as seen by the poll"). After a gap in polling (two
 *   poll windows or more with nobody watching) the leave is not guessed: it is kept
 *   as a range, between the last poll that saw them and the first that did not. A
 *   kick's own time is used when the participant was kicked, and for a call Gavel
 *   placed, Sinch's call record corrects the leave once the call is final
 *   (./call-record.ts; retried on the next few polls while it is not final yet).
 * - Who kicked: this process's kick notes, else the audit trail (a kick made on
 *   another instance or before a restart).
 *
 * Snapshots of one conference are applied one at a time, in fetch order; one that
 * arrives older than the last applied is ignored.
 *
 * Several instances watching one room each track it (each from the lists it fetched
 * or, with Redis, took from the shared window): every fact is still written once. A
 * stay is one row per (conference, callId) (a unique index; a second join is ignored,
 * ON CONFLICT DO NOTHING) and a leave closes only a row still open, so the first
 * instance to see it decides it.
 */
import "server-only";
import { config } from "../../config/env";
import { db } from "../../db";
import { openAttendance, recordJoins, recordLeave, type Join, type Leave } from "../../db/attendance";
import { findKick } from "../../db/audit";
import { getConference } from "../../db/conferences";
import { scheduleRetention } from "../../audit/server/retention";
import { kickNote } from "../../conferences/server/kick-notes";
import type { ConferenceLive } from "../../conferences/schemas";
import { mapWithConcurrency } from "../../util/pool";
import { processSingleton } from "../../util/server/process-singleton";
import { correctFromCallRecord } from "./call-record";

/** How many later polls may ask Sinch again for a call record that was not final yet. */
const CALL_RECORD_ATTEMPTS = 5;

interface Present {
  number: string;
  joinedAt: number;
}

interface ConferenceState {
  present: Map<string, Present>;
  /** When the last applied snapshot was taken; null when unknown (never polled). */
  lastSeenAt: number | null;
  /** Gavel-placed calls that left before Sinch's call record was final: callId → attempts left. */
  awaitingCallRecord: Map<string, number>;
  /** When a snapshot of it was last applied here (this process's clock), for forgetting idle ones. */
  usedAt: number;
}

/**
 * A conference no snapshot reached for this long is forgotten: if it is polled again,
 * its state is read back from the database, as after a restart (the open attendance
 * rows and the last poll that saw anyone). Call records still awaited are then no
 * longer asked for (they would have been asked on the next polls only).
 */
export const ATTENDANCE_IDLE_MS = 10 * 60_000;
/** At most this many conferences are kept; past it the least recently polled go first. */
export const MAX_TRACKED_CONFERENCES = 1000;

interface TrackerState {
  conferences: Map<string, ConferenceState>;
  chains: Map<string, Promise<void>>;
}

export interface AttendanceTracker {
  track(live: ConferenceLive): Promise<void>;
  trackedConferences(): number;
  forget(): void;
}

/**
 * How far apart two polls may be for Gavel to count itself as watching continuously:
 * two poll windows (one poll late is still continuous; a longer gap means nobody had
 * the conference open, and a leave seen after it is only known as a range).
 */
export function continuousPollingMs(): number {
  return 2 * config().GAVEL_POLL_INTERVAL_MS;
}

/** A tracker over its own state (the process has one; tests make two, as two instances would). */
export function createAttendanceTracker(
  tracker: TrackerState = { conferences: new Map(), chains: new Map() },
): AttendanceTracker {
  /** Applies one snapshot. Resolves when its rows are written; rejects if they could not be. */
  function trackAttendance(live: ConferenceLive): Promise<void> {
    const id = live.conferenceId;
    const previous = tracker.chains.get(id) ?? Promise.resolve();
    const run = previous.then(() => apply(live));
    const settled = run.catch(() => undefined);
    tracker.chains.set(id, settled);
    void settled.then(() => {
      if (tracker.chains.get(id) === settled) tracker.chains.delete(id);
    });
    return run;
  }

  async function load(conferenceId: string): Promise<ConferenceState> {
    const database = await db();
    const [open, conference] = await Promise.all([
      openAttendance(database, conferenceId),
      getConference(database, conferenceId),
    ]);
    return {
      present: new Map(open.map((r) => [r.callId, { number: r.number, joinedAt: r.joinedAt }])),
      // Only polls move last_connected_at (opening a conference moves last_seen_at too),
      // and the last poll that saw anyone saw exactly the rows still open.
      lastSeenAt: open.length > 0 ? (conference?.lastConnectedAt ?? null) : null,
      awaitingCallRecord: new Map(),
      usedAt: Date.now(),
    };
  }

  /** Forgets idle conferences, and the least recently polled past the cap (never one being applied). */
  function forgetIdle(now: number): void {
    const conferences = tracker.conferences;
    for (const [id, state] of conferences) {
      const over = conferences.size > MAX_TRACKED_CONFERENCES;
      if (!over && now - state.usedAt < ATTENDANCE_IDLE_MS) break; // in order of use: the rest are newer
      if (!tracker.chains.has(id)) conferences.delete(id);
    }
  }

  /** How many conferences the tracker holds (tests check it stays bounded). */
  function trackedConferenceCount(): number {
    return tracker.conferences.size;
  }

  async function apply(live: ConferenceLive): Promise<void> {
    const conferenceId = live.conferenceId;
    const fetched = Date.parse(live.fetchedAt);
    const now = Number.isNaN(fetched) ? Date.now() : fetched;
    let state = tracker.conferences.get(conferenceId);
    if (!state) {
      state = await load(conferenceId);
    }
    // Kept in order of use (a Map iterates in insertion order), so forgetIdle stops early.
    tracker.conferences.delete(conferenceId);
    tracker.conferences.set(conferenceId, state);
    state.usedAt = Date.now();
    forgetIdle(state.usedAt);
    if (state.lastSeenAt !== null && now < state.lastSeenAt) return;

    const database = await db();
    const current = new Map(live.participants.map((p) => [p.callId, p]));
    const joins: Join[] = [];
    for (const p of live.participants) {
      if (state.present.has(p.callId)) continue;
      joins.push({
        callId: p.callId,
        number: p.cli,
        label: p.label,
        joinedAt: Math.min(now, now - Math.max(0, Math.round(p.duration * 1000))),
      });
    }
    const gone = [...state.present.entries()].filter(([callId]) => !current.has(callId));

    // Labels came with the list (attached once per fetch by the poll cache).
    if (joins.length > 0) await recordJoins(database, conferenceId, joins);

    const continuous = state.lastSeenAt !== null && now - state.lastSeenAt <= continuousPollingMs();
    for (const [callId, stay] of gone) {
      const note = kickNote(conferenceId, callId);
      const kick =
        note && note.at >= stay.joinedAt
          ? { at: note.at, actorEmail: note.actorEmail, reason: note.reason ?? null }
          : await findKick(database, conferenceId, callId, stay.joinedAt);
      const removedBy = { kickedBy: kick?.actorEmail ?? null, kickReason: kick ? (kick.reason ?? null) : null };
      let leave: Leave;
      if (kick && kick.at <= now) {
        leave = { callId, leftAt: Math.max(kick.at, stay.joinedAt), source: "kick", ...removedBy };
      } else if (continuous) {
        leave = { callId, leftAt: now, source: "poll", ...removedBy };
      } else {
        // A gap (or a previous process's last poll unknown): they were last seen at the
        // previous poll (at least at their join), and were gone by this one.
        const leftAfter = Math.max(state.lastSeenAt ?? stay.joinedAt, stay.joinedAt);
        leave = { callId, leftAt: now, leftAfter, source: "poll_gap", ...removedBy };
      }
      await recordLeave(database, conferenceId, leave);
      state.awaitingCallRecord.set(callId, CALL_RECORD_ATTEMPTS);
    }
    await correctFromCallRecords(conferenceId, state);

    const joinedAt = new Map(joins.map((j) => [j.callId, j.joinedAt]));
    const present = new Map<string, Present>();
    for (const p of live.participants) {
      present.set(p.callId, state.present.get(p.callId) ?? { number: p.cli, joinedAt: joinedAt.get(p.callId) ?? now });
    }
    state.present = present;
    state.lastSeenAt = now;
    // Never throws: its failure is logged by the job itself.
    if (joins.length > 0 || gone.length > 0) void scheduleRetention(now);
  }

  /** Asks Sinch's call record about each Gavel-placed call that left; forgets the others. */
  async function correctFromCallRecords(conferenceId: string, state: ConferenceState): Promise<void> {
    if (state.awaitingCallRecord.size === 0) return;
    const database = await db();
    // A few at a time: ending a meeting of callouts lets go of many calls at once.
    await mapWithConcurrency([...state.awaitingCallRecord], 4, async ([callId, attemptsLeft]) => {
      const result = await correctFromCallRecord(database, conferenceId, callId);
      if (result === "not_final_yet" && attemptsLeft > 1) state.awaitingCallRecord.set(callId, attemptsLeft - 1);
      else state.awaitingCallRecord.delete(callId);
    });
  }

  return {
    track: trackAttendance,
    trackedConferences: trackedConferenceCount,
    forget: () => {
      tracker.conferences.clear();
      tracker.chains.clear();
    },
  };
}

const processTracker = createAttendanceTracker(
  processSingleton<TrackerState>("attendance", () => ({ conferences: new Map(), chains: new Map() })),
);

/** Applies one snapshot. Resolves when its rows are written; rejects if they could not be. */
export function trackAttendance(live: ConferenceLive): Promise<void> {
  return processTracker.track(live);
}

/** How many conferences the tracker holds (tests check it stays bounded). */
export function trackedConferenceCount(): number {
  return processTracker.trackedConferences();
}

/** For tests: forget every conference's previous list, as a restart would. */
export function forgetAttendanceStateForTests(): void {
  processTracker.forget();
}
