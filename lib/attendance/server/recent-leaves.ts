/**
 * "Left recently": the stays of a conference that ended in the last ten minutes,
 * from Gavel's attendance records (the tracker closes a stay whenever a poll, from
 * any viewer, no longer sees the call), so a page opened now shows leaves from before
 * it was opened. With what Gavel knows of why: the kick (who, and the reason they
 * typed) and, for a call Gavel placed, Sinch's end reason from the callouts records.
 */
import "server-only";
import { db } from "../../db";
import { listRecentLeaves } from "../../db/attendance";
import { iso } from "../../util/time";
import { RECENT_LEAVES_LIMIT, RECENT_LEAVES_WINDOW_MS, type RecentLeavesResponse } from "../schemas";

export async function recentLeaves(conferenceId: string, now = Date.now()): Promise<RecentLeavesResponse> {
  const rows = await listRecentLeaves(await db(), conferenceId, now - RECENT_LEAVES_WINDOW_MS, RECENT_LEAVES_LIMIT);
  return {
    conferenceId,
    windowMs: RECENT_LEAVES_WINDOW_MS,
    leaves: rows.map((r) => ({
      id: r.id,
      callId: r.callId,
      number: r.number,
      label: r.label,
      joinedAt: iso(r.joinedAt),
      leftAt: iso(r.leftAt ?? now),
      leftAfter: iso(r.leftAfter),
      leaveSource: r.leaveSource,
      kickedBy: r.kickedBy,
      kickReason: r.kickReason,
      // "N/A" is what Sinch says while a call is still going: nothing known yet.
      calloutResult: r.calloutResult === "N/A" ? null : r.calloutResult,
      calloutReason: r.calloutReason === "N/A" ? null : r.calloutReason,
    })),
  };
}
