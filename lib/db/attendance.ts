/**
 * Attendance: one row per participant's stay in a conference (a callId), opened
 * when polling first sees them and closed when it no longer does. Written only by
 * the attendance tracker (lib/attendance/server/tracker.ts); deleted only by retention.
 */
import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { GavelDb } from "./index";
import type { AttendanceTable } from "./schema";

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
  // Nine columns a row: well under SQLite's bound-parameter limit per chunk.
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
        })),
      )
      .onConflict((oc) => oc.columns(["conference_id", "call_id"]).doNothing())
      .execute();
  }
}

export interface Leave {
  callId: string;
  leftAt: number;
  kickedBy: string | null;
  kickReason: string | null;
}

/** Closes open rows; a row already closed (by another instance) keeps its first leave. */
export async function recordLeave(db: GavelDb, conferenceId: string, leave: Leave): Promise<void> {
  await db.kysely
    .updateTable("attendance")
    .set({ left_at: leave.leftAt, kicked_by: leave.kickedBy, kick_reason: leave.kickReason })
    .where("conference_id", "=", conferenceId)
    .where("call_id", "=", leave.callId)
    .where("left_at", "is", null)
    .execute();
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
