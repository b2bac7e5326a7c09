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
import { contactsByNumber } from "../../db/contacts";
import { csvDocument, csvDuration, csvTime } from "../../audit/csv";
import { recordAudit, SUCCEEDED_LOCALLY, type AuditContext } from "../../audit/server/record";
import { csvFilename, csvResponse } from "../../audit/server/service";
import { TIMELINE_LIMIT, type LeaveSource, type TimelineEvent, type TimelineResponse } from "../schemas";
import { iso } from "../../util/time";
import { inviteViews } from "../../invites/server/service";

function stayEvents(r: AttendanceRow): TimelineEvent[] {
  const base = {
    number: r.number,
    callId: r.callId,
    label: r.label,
    name: null,
    action: null,
    outcome: null,
    errorMessage: null,
    params: null,
    requestId: null,
    leftAfter: null,
    leaveSource: null,
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
      leftAfter: iso(r.leftAfter),
      leaveSource: r.leaveSource,
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
      name: null,
      actor: a.actorEmail,
      action: a.action,
      outcome: a.outcome,
      reason: typeof a.params?.reason === "string" ? a.params.reason : null,
      errorMessage: a.errorMessage,
      params: a.params,
      requestId: a.requestId,
      leftAfter: null,
      leaveSource: null,
    });
  }
  events.sort((x, y) => (x.at === y.at ? KIND_ORDER[y.kind] - KIND_ORDER[x.kind] : x.at < y.at ? 1 : -1));
  const shown = events.slice(0, TIMELINE_LIMIT);
  // Names as the directory has them now, one query for the whole timeline.
  const names = await contactsByNumber(
    database,
    shown.flatMap((e) => (e.number ? [e.number] : [])),
  );
  return {
    conferenceId,
    events: shown.map((e) => (e.number && names.has(e.number) ? { ...e, name: names.get(e.number)!.name } : e)),
    lastPolledAt: conference ? iso(conference.lastSeenAt) : null,
  };
}

/**
 * The first ten columns are as they always were; the next four were added so a leave
 * Gavel only knows as a range is never presented as an exact time (README,
 * "Attendance: facts and inferences"); the last is who the directory says the number is.
 */
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
  "Left after (UTC)",
  "Left by (UTC)",
  "Time spent at most (seconds)",
  "Leave time from",
  // Appended in issue 13, so readers of the columns above keep working. The number
  // stays the key; the name is the directory's at the time of the export.
  "Name (directory now)",
] as const;

/** The Status of an invitee who never joined (one row each, after the stays). */
export const NO_SHOW_STATUS = "Invited, never joined";

/** How the "Leave time from" column names each source. */
const LEAVE_SOURCE_WORDS: Record<LeaveSource, string> = {
  poll: "Poll (within one poll window)",
  poll_gap: "Range: gap in polling",
  kick: "Kick",
  call_record: "Sinch call record",
};

/**
 * Every stay Gavel recorded in the conference, oldest first. Someone still
 * connected at the last poll has no leave time; their time spent runs to that poll.
 * A leave known only as a range (seen after a gap in polling) leaves "Left (UTC)"
 * empty and fills "Left after"/"Left by"; its time spent is the least it can have
 * been, with the most in "Time spent at most" and h:mm:ss written as a range.
 * Then one row per invitee (issue 13, item 5) attendance never saw on any of their
 * numbers: status NO_SHOW_STATUS, the number, the pasted label and the name.
 */
export async function attendanceCsv(conferenceId: string): Promise<string> {
  const database = await db();
  const [stays, conference, invites] = await Promise.all([
    listAttendance(database, conferenceId),
    getConference(database, conferenceId),
    inviteViews(database, conferenceId),
  ]);
  const names = await contactsByNumber(
    database,
    stays.map((s) => s.number),
  );
  const lastPoll = conference?.lastConnectedAt ?? Date.now();
  const rows = stays.map((s) => {
    const range = s.leftAt !== null && s.leftAfter !== null;
    const end = range ? s.leftAfter! : (s.leftAt ?? Math.max(lastPoll, s.joinedAt));
    const least = (end - s.joinedAt) / 1000;
    const most = range ? (s.leftAt! - s.joinedAt) / 1000 : null;
    const removed = s.leftAt !== null && (s.kickedBy !== null || s.kickReason !== null);
    return [
      s.number,
      s.label,
      s.callId,
      csvTime(s.joinedAt),
      range ? null : csvTime(s.leftAt),
      Math.round(least),
      most === null ? csvDuration(least) : `${csvDuration(least)} to ${csvDuration(most)}`,
      s.leftAt === null ? "Connected at last poll" : removed ? "Removed" : "Left",
      s.kickedBy,
      s.kickReason,
      range ? csvTime(s.leftAfter) : null,
      range ? csvTime(s.leftAt) : null,
      most === null ? null : Math.round(most),
      s.leftAt === null ? null : LEAVE_SOURCE_WORDS[s.leaveSource ?? "poll"],
      names.get(s.number)?.name ?? null,
    ];
  });
  const noShows = invites
    .filter((i) => !i.seen)
    .map((i) => [
      i.number,
      i.label,
      null,
      null,
      null,
      null,
      null,
      NO_SHOW_STATUS,
      null,
      null,
      null,
      null,
      null,
      null,
      i.name,
    ]);
  return csvDocument(ATTENDANCE_CSV_HEADER, [...rows, ...noShows]);
}

/** The attendance download, audited once per actual export: a HEAD exports (and records) nothing. */
export async function exportAttendanceCsv(ctx: AuditContext, conferenceId: string, head = false): Promise<Response> {
  const safeId = conferenceId.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 64);
  const filename = csvFilename(`attendance-${safeId}`);
  if (head) return csvResponse(null, filename);
  await recordAudit(ctx, { action: "attendance.export", conferenceId }, SUCCEEDED_LOCALLY);
  return csvResponse(await attendanceCsv(conferenceId), filename);
}
