/** A conference's timeline (joins, leaves, actions) as the API sends it. Client-safe. */
import type { LeaveSource } from "../vocabulary/attendance";
import type { AuditOutcome } from "../vocabulary/audit";

export type { LeaveSource };

export type TimelineKind = "join" | "leave" | "action";

export interface TimelineEvent {
  /** Stable across polls: "join:<row>", "leave:<row>" or "action:<audit id>". */
  id: string;
  /** ISO time. For a leave known only as a range, its upper end (the first poll that did not see them). */
  at: string;
  kind: TimelineKind;
  /** The participant's number (joins, leaves; actions on one participant). */
  number: string | null;
  callId: string | null;
  /** The label Gavel gave its own callout, if any. */
  label: string | null;
  /** The name of the directory contact holding `number` now (not when it happened); null if none. */
  name: string | null;
  /** Who acted: the moderator of an action, or who removed a participant (leave). */
  actor: string | null;
  /** The audit action ("participant.mute", ...); null for joins and leaves. */
  action: string | null;
  /** An action's outcome; null for joins and leaves. */
  outcome: AuditOutcome | null;
  /** Why a participant was removed (leave), as the moderator typed it. */
  reason: string | null;
  /** A failed action's message. */
  errorMessage: string | null;
  /** An action's parameters (moh class, bulk counts, ...). */
  params: Record<string, unknown> | null;
  /** An action's request id (matches the audit trail and the server log). */
  requestId: string | null;
  /**
   * A leave known only as a range (seen after a gap in polling): its lower end (ISO),
   * the last poll that saw them; null for an exact leave and for other events.
   */
  leftAfter: string | null;
  /** Where a leave's time comes from; null for other events and for leaves recorded before it was kept. */
  leaveSource: LeaveSource | null;
}

export interface TimelineResponse {
  conferenceId: string;
  /** Newest first, at most TIMELINE_LIMIT. */
  events: TimelineEvent[];
  /** When Gavel last polled this conference (ISO), or null if never. */
  lastPolledAt: string | null;
}

export const TIMELINE_LIMIT = 500;

export const timelineKeys = {
  all: ["timeline"] as const,
  detail: (conferenceId: string) => [...timelineKeys.all, conferenceId] as const,
};

/** The attendance CSV of a conference (GET, a download). */
export function attendanceCsvUrl(conferenceId: string): string {
  return `/api/conferences/${encodeURIComponent(conferenceId)}/attendance.csv`;
}

/** How far back "Left recently" looks. */
export const RECENT_LEAVES_WINDOW_MS = 10 * 60_000;
/** At most this many leaves are sent (the newest): a room emptied at once still fits one screen's strip. */
export const RECENT_LEAVES_LIMIT = 100;

/** One stay that ended in the last RECENT_LEAVES_WINDOW_MS, as "Left recently" shows it. */
export interface RecentLeave {
  /** The attendance row's id (stable across reads). */
  id: string;
  callId: string;
  number: string;
  /** The participant's label as recorded at their join (the same as their row showed). */
  label: string | null;
  joinedAt: string;
  /** The leave (ISO); for a leave known only as a range, its upper end. */
  leftAt: string;
  /** A range's lower end (the last poll that saw them); null for an exact leave. */
  leftAfter: string | null;
  leaveSource: LeaveSource | null;
  /** Who kicked them through Gavel, and why they typed. */
  kickedBy: string | null;
  kickReason: string | null;
  /** For a call Gavel placed: Sinch's call result and reason (null otherwise, or not read yet). */
  calloutResult: string | null;
  calloutReason: string | null;
}

export interface RecentLeavesResponse {
  conferenceId: string;
  /** Newest leave first. */
  leaves: RecentLeave[];
  /** The window (ms) the list covers, ending at the server's now. */
  windowMs: number;
}

export const recentLeavesKeys = {
  all: ["recent-leaves"] as const,
  detail: (conferenceId: string) => [...recentLeavesKeys.all, conferenceId] as const,
};
