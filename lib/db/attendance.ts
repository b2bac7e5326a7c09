/**
 * Attendance: one row per participant's stay in a conference (a callId), opened
 * when polling first sees them and closed when it no longer does. Written only by
 * the attendance tracker (lib/attendance/server/tracker.ts); deleted only by retention.
 *
 * A leave is either exact (`leftAfter` null; `leaveSource` says who said so) or a
 * range Gavel inferred after a gap in polling: between `leftAfter` (the last poll
 * that saw them) and `leftAt` (the first that did not).
 */
import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { GavelDb } from "./index";
import type { AttendanceTable } from "./schema";
import { FINAL_STATES } from "../vocabulary/callouts";
import { LEAVE_SOURCES, type LeaveSource } from "../vocabulary/attendance";

export type { LeaveSource };

function leaveSource(v: string | null): LeaveSource | null {
  return LEAVE_SOURCES.find((s) => s === v) ?? null;
}

export interface AttendanceRow {
  id: string;
  conferenceId: string;
  callId: string;
  number: string;
  label: string | null;
  joinedAt: number;
  leftAt: number | null;
  kickedBy: string | null;
  kickReason: string | null;
  /** Set when the leave is a range: the last poll that saw them. */
  leftAfter: number | null;
  /** Null on rows recorded before sources were kept (their leave is what polling saw). */
  leaveSource: LeaveSource | null;
}

function toAttendance(r: Selectable<AttendanceTable>): AttendanceRow {
  return {
    id: r.id,
    conferenceId: r.conference_id,
    callId: r.call_id,
    number: r.number,
    label: r.label,
    joinedAt: Number(r.joined_at),
    leftAt: r.left_at === null ? null : Number(r.left_at),
    kickedBy: r.kicked_by,
    kickReason: r.kick_reason,
    leftAfter: r.left_after === null ? null : Number(r.left_after),
    leaveSource: leaveSource(r.leave_source),
  };
}

export interface Join {
  callId: string;
  number: string;
  label: string | null;
  joinedAt: number;
}

/**
 * Opens a row per join. A callId already recorded (another instance saw it first,
 * or an out-of-order poll) is left as it is: one row per stay.
 */
export async function recordJoins(db: GavelDb, conferenceId: string, joins: readonly Join[]): Promise<void> {
  // Eleven columns a row: well under SQLite's bound-parameter limit per chunk.
  for (let i = 0; i < joins.length; i += 500) {
    await db.kysely
      .insertInto("attendance")
      .values(
        joins.slice(i, i + 500).map((j) => ({
          id: randomUUID(),
          conference_id: conferenceId,
          call_id: j.callId,
          number: j.number,
          label: j.label,
          joined_at: j.joinedAt,
          left_at: null,
          kicked_by: null,
          kick_reason: null,
          left_after: null,
          leave_source: null,
        })),
      )
      .onConflict((oc) => oc.columns(["conference_id", "call_id"]).doNothing())
      .execute();
  }
}

export interface Leave {
  callId: string;
  /** The exact leave, or the upper end of a range (the first poll that did not see them). */
  leftAt: number;
  /** The lower end of a range (the last poll that saw them); null (the default) for an exact leave. */
  leftAfter?: number | null;
  /** Default "poll". */
  source?: LeaveSource;
  kickedBy: string | null;
  kickReason: string | null;
}

/** Closes open rows; a row already closed (by another instance) keeps its first leave. */
export async function recordLeave(db: GavelDb, conferenceId: string, leave: Leave): Promise<void> {
  await db.kysely
    .updateTable("attendance")
    .set({
      left_at: leave.leftAt,
      left_after: leave.leftAfter ?? null,
      leave_source: leave.source ?? "poll",
      kicked_by: leave.kickedBy,
      kick_reason: leave.kickReason,
    })
    .where("conference_id", "=", conferenceId)
    .where("call_id", "=", leave.callId)
    .where("left_at", "is", null)
    .execute();
}

/**
 * Replaces a closed stay's leave with the one from Sinch's call record (a fact, where
 * polling only inferred). Rows still open, or already corrected, are left alone.
 * Returns whether a row changed.
 */
export async function correctLeaveFromCallRecord(
  db: GavelDb,
  conferenceId: string,
  callId: string,
  leftAt: number,
): Promise<boolean> {
  const result = await db.kysely
    .updateTable("attendance")
    .set({ left_at: leftAt, left_after: null, leave_source: "call_record" })
    .where("conference_id", "=", conferenceId)
    .where("call_id", "=", callId)
    .where("left_at", "is not", null)
    .where((eb) => eb.or([eb("leave_source", "is", null), eb("leave_source", "!=", "call_record")]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** One stay of a call Gavel placed, with what the callouts table recorded of its call (lib/db/callouts.ts). */
export interface PlacedCallStay {
  joinedAt: number;
  /** Sinch's call duration in seconds, once the follower recorded it; null before. */
  durationSeconds: number | null;
  /** Whether the callout's state is final (the recorded duration is the call's last). */
  final: boolean;
}

/**
 * The stay of `callId` in the conference if Gavel placed that call (a callouts row
 * with that call id), else undefined.
 */
export async function placedCallStay(
  db: GavelDb,
  conferenceId: string,
  callId: string,
): Promise<PlacedCallStay | undefined> {
  const row = await db.kysely
    .selectFrom("attendance")
    .innerJoin("callouts", "callouts.call_id", "attendance.call_id")
    .select(["attendance.joined_at", "callouts.duration_seconds", "callouts.state"])
    .where("attendance.conference_id", "=", conferenceId)
    .where("attendance.call_id", "=", callId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    joinedAt: Number(row.joined_at),
    durationSeconds: row.duration_seconds === null ? null : Number(row.duration_seconds),
    final: FINAL_STATES.some((s) => s === row.state),
  };
}

/** Who Gavel last saw connected to a conference (rows not yet closed). */
export async function openAttendance(db: GavelDb, conferenceId: string): Promise<AttendanceRow[]> {
  const rows = await db.kysely
    .selectFrom("attendance")
    .selectAll()
    .where("conference_id", "=", conferenceId)
    .where("left_at", "is", null)
    .execute();
  return rows.map(toAttendance);
}

/** A conference's stays, by join time (oldest first), at most `limit` of the most recent. */
export async function listAttendance(
  db: GavelDb,
  conferenceId: string,
  opts: { limit?: number; newestFirst?: boolean } = {},
): Promise<AttendanceRow[]> {
  let q = db.kysely
    .selectFrom("attendance")
    .selectAll()
    .where("conference_id", "=", conferenceId)
    .orderBy("joined_at", opts.newestFirst ? "desc" : "asc")
    .orderBy("call_id", opts.newestFirst ? "desc" : "asc");
  if (opts.limit !== undefined) q = q.limit(opts.limit);
  return (await q.execute()).map(toAttendance);
}

/** A stay that ended, with what Sinch said of the call when Gavel placed it (a callouts row with its call id). */
export interface RecentLeaveRow extends AttendanceRow {
  /** The callout's Sinch result and reason; null when Gavel did not place the call (or has not read them yet). */
  calloutResult: string | null;
  calloutReason: string | null;
}

/**
 * Stays in a conference that ended at or after `since` (for a range, its upper end),
 * newest leave first, at most `limit`; with the end reason of calls Gavel placed.
 */
export async function listRecentLeaves(
  db: GavelDb,
  conferenceId: string,
  since: number,
  limit: number,
): Promise<RecentLeaveRow[]> {
  const rows = await db.kysely
    .selectFrom("attendance")
    .leftJoin("callouts", "callouts.call_id", "attendance.call_id")
    .selectAll("attendance")
    .select(["callouts.sinch_result as callout_result", "callouts.sinch_reason as callout_reason"])
    .where("attendance.conference_id", "=", conferenceId)
    .where("attendance.left_at", ">=", since)
    .orderBy("attendance.left_at", "desc")
    .orderBy("attendance.call_id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...toAttendance(r),
    calloutResult: r.callout_result ?? null,
    calloutReason: r.callout_reason ?? null,
  }));
}

/**
 * Retention for attendance: stays that ended before the cutoff, and rows left open
 * since before it (Gavel stopped polling that conference and never saw them leave).
 */
export async function deleteAttendanceEndedBefore(db: GavelDb, cutoff: number): Promise<number> {
  const result = await db.kysely
    .deleteFrom("attendance")
    .where((eb) =>
      eb.or([
        eb.and([eb("left_at", "is not", null), eb("left_at", "<", cutoff)]),
        eb.and([eb("left_at", "is", null), eb("joined_at", "<", cutoff)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
