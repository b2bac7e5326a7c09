/**
 * Attendance's words: where a leave time comes from. Pure and low: persistence
 * (lib/db/attendance.ts), the server and the browser all read it.
 *
 * - poll: noticed by the poll after the last one that saw them (within one poll window);
 * - poll_gap: noticed only after a gap in polling, so only a range is known;
 * - kick: the time Gavel's kick was carried out;
 * - call_record: Sinch's call record of a call Gavel placed (join + its duration).
 */
export const LEAVE_SOURCES = ["poll", "poll_gap", "kick", "call_record"] as const;
export type LeaveSource = (typeof LEAVE_SOURCES)[number];
