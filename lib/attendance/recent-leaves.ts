/**
 * How "Left recently" words a leave: when, how long they stayed, and why if Gavel
 * knows (a kick through Gavel, or Sinch's end reason for a call Gavel placed).
 * Pure and client-safe.
 */
import { formatAgo } from "../conferences/time";
import type { RecentLeave } from "./schemas";

/** Sinch's end reasons (call records), as a sentence about someone who left a conference. */
const END_REASONS: Record<string, string> = {
  CALLEEHANGUP: "Hung up",
  CALLERHANGUP: "The call was ended by the application",
  MANAGERHANGUP: "Removed from the conference",
  TIMEOUT: "The call reached its time limit",
  BLOCKED: "The call was blocked",
  NOCREDITPARTNER: "No credit left on the Sinch account",
  CANCEL: "The call was cancelled",
  GENERALERROR: "The call dropped (network error)",
  INVALIDSVAMLACTION: "The call ended on an invalid SVAML action",
};

export interface LeaveReason {
  text: string;
  /** Where it comes from, for a tooltip: "Gavel's audit trail" or Sinch's raw result and reason. */
  source: string;
  kind: "kick" | "call_record";
}

/** Why they left, if Gavel knows; null when it does not (someone who dialled in and hung up looks the same as a drop). */
export function leaveReason(
  l: Pick<RecentLeave, "kickedBy" | "kickReason" | "calloutResult" | "calloutReason">,
): LeaveReason | null {
  if (l.kickedBy !== null || l.kickReason !== null) {
    const by = l.kickedBy ? `Kicked by ${l.kickedBy}` : "Kicked";
    return { text: l.kickReason ? `${by}: “${l.kickReason}”` : by, source: "Gavel's record of the kick", kind: "kick" };
  }
  if (l.calloutReason) {
    const words = END_REASONS[l.calloutReason] ?? `Sinch ended the call (${l.calloutReason})`;
    return {
      text: words,
      source: `Sinch's call record: ${l.calloutResult ?? "N/A"} / ${l.calloutReason}`,
      kind: "call_record",
    };
  }
  return null;
}

/** A stay's length in words: "45 s", "7 min 5 s", "42 min", "1 h 5 min". */
export function formatStay(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** "stayed 7 min 5 s"; for a leave known only as a range, the least it can have been: "stayed at least 7 min". */
export function stayText(l: Pick<RecentLeave, "joinedAt" | "leftAt" | "leftAfter">): string {
  const joined = Date.parse(l.joinedAt);
  const end = Date.parse(l.leftAfter ?? l.leftAt);
  return `${l.leftAfter ? "stayed at least" : "stayed"} ${formatStay((end - joined) / 1000)}`;
}

/** "left 2 min ago"; a range: "left between 6 min ago and 2 min ago". */
export function leftText(l: Pick<RecentLeave, "leftAt" | "leftAfter">, now: number): string {
  const at = Date.parse(l.leftAt);
  if (l.leftAfter) return `left between ${formatAgo(Date.parse(l.leftAfter), now)} and ${formatAgo(at, now)}`;
  return `left ${formatAgo(at, now)}`;
}

/** The leaves still inside the window at `now` (the list may be older than the window's end). */
export function stillRecent<T extends Pick<RecentLeave, "leftAt">>(
  leaves: readonly T[],
  now: number,
  windowMs: number,
): T[] {
  return leaves.filter((l) => now - Date.parse(l.leftAt) <= windowMs);
}

/** Whether "Dial again" can call this number: a phone number in E.164 (not a SIP address or a withheld caller). */
export function dialableNumber(number: string): boolean {
  return /^\+[1-9]\d{5,14}$/.test(number);
}

/** How long after a leave Gavel may still learn why (Sinch's call record, read by the callout follower). */
export const REASON_MAY_COME_MS = 60_000;

/**
 * Whether a leave from the last REASON_MAY_COME_MS has no reason yet: for a call Gavel
 * placed, Sinch's end reason is read after the leave is seen, so "Left recently" asks
 * again soon instead of at its slow pace. (A dial-in who hung up never gets one; it is
 * asked about for a minute at most.)
 */
export function reasonMayStillCome(
  leaves: readonly Pick<RecentLeave, "leftAt" | "kickedBy" | "kickReason" | "calloutResult" | "calloutReason">[],
  now: number,
): boolean {
  return leaves.some((l) => leaveReason(l) === null && now - Date.parse(l.leftAt) < REASON_MAY_COME_MS);
}
