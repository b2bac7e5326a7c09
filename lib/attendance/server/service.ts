/**
 * A conference's timeline (joins and leaves from attendance, actions from the
 * audit trail) and its attendance CSV, for the API routes.
 */
import "server-only";
import { db } from "../../db";
import { listAttendance, type AttendanceRow } from "../../db/attendance";
import { auditForConference } from "../../db/audit";
import { toEntryView } from "../../audit/server/entry-view";
import { getConference } from "../../db/conferences";
import { csvDocument, csvDuration, csvTime } from "../../audit/csv";
import { recordAudit, SUCCEEDED_LOCALLY, type AuditContext } from "../../audit/server/record";
import { csvFilename } from "../../audit/server/service";
import { TIMELINE_LIMIT, type TimelineEvent, type TimelineResponse } from "../schemas";
import { iso } from "../../util/time";

function stayEvents(r: AttendanceRow): TimelineEvent[] {
  const base = {
    number: r.number,
    callId: r.callId,
    label: r.label,
    action: null,
    outcome: null,
    errorMessage: null,
    params: null,
    requestId: null,
  };
  const events: TimelineEvent[] = [
    { ...base, id: `join:${r.id}`, at: iso(r.joinedAt), kind: "join", actor: null, reason: null },
  ];
  if (r.leftAt !== null) {
    events.push({
      ...base,
      id: `leave:${r.id}`,
      at: iso(r.leftAt),
      kind: "leave",
      actor: r.kickedBy,
      reason: r.kickReason,
    });
  }
  return events;
}

/** Joins and leaves sort after an action at the same millisecond: the kick, then the leave it caused. */
const KIND_ORDER = { action: 0, join: 1, leave: 2 } as const;

export async function conferenceTimeline(conferenceId: string): Promise<TimelineResponse> {
  const database = await db();
  const [stays, actions, conference] = await Promise.all([
    listAttendance(database, conferenceId, { limit: TIMELINE_LIMIT, newestFirst: true }),
    auditForConference(database, conferenceId, TIMELINE_LIMIT),
    getConference(database, conferenceId),
  ]);
  const events: TimelineEvent[] = stays.flatMap(stayEvents);
  for (const row of actions) {
    const a = toEntryView(row);
    // Downloading the attendance list is on the audit trail, not part of the meeting.
    if (a.action.endsWith(".export")) continue;
    events.push({
      id: `action:${a.id}`,
      at: a.at,
      kind: "action",
      number: a.targetNumber,
      callId: a.targetCallId,
      label: null,
      actor: a.actorEmail,
      action: a.action,
      outcome: a.outcome,
      reason: typeof a.params?.reason === "string" ? a.params.reason : null,
      errorMessage: a.errorMessage,
      params: a.params,
      requestId: a.requestId,
    });
  }
  events.sort((x, y) => (x.at === y.at ? KIND_ORDER[y.kind] - KIND_ORDER[x.kind] : x.at < y.at ? 1 : -1));
  return {
    conferenceId,
    events: events.slice(0, TIMELINE_LIMIT),
    lastPolledAt: conference ? iso(conference.lastSeenAt) : null,
  };
}

export const ATTENDANCE_CSV_HEADER = [
  "Number",
  "Label",
  "Call id",
  "Joined (UTC)",
  "Left (UTC)",
  "Time spent (seconds)",
  "Time spent (h:mm:ss)",
  "Status",
  "Removed by",
  "Removal reason",
] as const;

/**
 * Every stay Gavel recorded in the conference, oldest first. Someone still
 * connected at the last poll has no leave time; their time spent runs to that poll.
 */
export async function attendanceCsv(conferenceId: string): Promise<string> {
  const database = await db();
  const [stays, conference] = await Promise.all([
    listAttendance(database, conferenceId),
    getConference(database, conferenceId),
  ]);
  const lastPoll = conference?.lastConnectedAt ?? Date.now();
  const rows = stays.map((s) => {
    const end = s.leftAt ?? Math.max(lastPoll, s.joinedAt);
    const removed = s.leftAt !== null && (s.kickedBy !== null || s.kickReason !== null);
    return [
      s.number,
      s.label,
      s.callId,
      csvTime(s.joinedAt),
      csvTime(s.leftAt),
      Math.round((end - s.joinedAt) / 1000),
      csvDuration((end - s.joinedAt) / 1000),
      s.leftAt === null ? "Connected at last poll" : removed ? "Removed" : "Left",
      s.kickedBy,
      s.kickReason,
    ];
  });
  return csvDocument(ATTENDANCE_CSV_HEADER, rows);
}

export async function exportAttendanceCsv(ctx: AuditContext, conferenceId: string): Promise<Response> {
  await recordAudit(ctx, { action: "attendance.export", conferenceId }, SUCCEEDED_LOCALLY);
  const body = await attendanceCsv(conferenceId);
  const safeId = conferenceId.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 64);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${csvFilename(`attendance-${safeId}`)}"`,
      "cache-control": "no-store",
    },
  });
}
