/**
 * What happens each time Gavel learns a conference's participant list from Sinch
 * (at most once per poll window per conference): joins and leaves are recorded as
 * attendance, and its record in Gavel's list of conferences is refreshed. The poll
 * cache (live.ts) calls this after the viewers have their answer.
 */
import "server-only";
import { trackAttendance } from "../../attendance/server/tracker";
import { db } from "../../db";
import { recordSnapshot } from "../../db/conferences";
import { log } from "../../log/logger";
import type { ConferenceLive } from "../schemas";

export async function afterSnapshot(live: ConferenceLive): Promise<void> {
  // Attendance first: after a restart it reads when the conference was last polled,
  // which recording this snapshot moves forward.
  try {
    await trackAttendance(live);
  } catch (e) {
    log("error", "attendance_record_failed", { conferenceId: live.conferenceId, error: String(e) });
  }
  try {
    const database = await db();
    const snapshot = {
      count: live.participants.length,
      muted: live.participants.filter((p) => p.muted).length,
      onhold: live.participants.filter((p) => p.onhold).length,
      at: Date.now(),
    };
    // Creates the record ("opened") when Gavel had none: an API client, a deep link.
    await recordSnapshot(database, live.conferenceId, snapshot);
  } catch (e) {
    // The live list matters more than its bookkeeping: log and carry on.
    log("error", "snapshot_record_failed", { conferenceId: live.conferenceId, error: String(e) });
  }
}
