/**
 * Leaves of calls Gavel placed, corrected from Sinch's call record. Polling only
 * infers when someone left (the first list without them); for a call Gavel placed,
 * Sinch's call record says how long the call lasted, which is a fact: once the call
 * is FINAL, the leave is the join (itself from Sinch: list time − the participant's
 * duration) plus the call's duration. A conference callout is answered as it joins
 * the room, so the call's duration (counted from the answer) is the stay's.
 *
 * Sinch is asked directly (getCall) rather than waiting for the callouts table: the
 * callout follower only runs while someone reads callouts, so its row may not be
 * final yet when the leave is noticed; its ended_at is when Gavel noticed, not when
 * the call ended; and a call Sinch forgot is stored as ended with the last duration
 * seen while it was still going. The table is still what says the call is Gavel's,
 * and its final duration is the fallback when Sinch cannot be asked.
 */
import "server-only";
import { config } from "../../config/env";
import type { GavelDb } from "../../db";
import { correctLeaveFromCallRecord, placedCallStay } from "../../db/attendance";
import { log } from "../../log/logger";
import { sinchClient } from "../../platform/server/sinch";

export type CallRecordCorrection = "corrected" | "not_placed_by_gavel" | "not_final_yet";

/** Corrects one closed stay from Sinch's call record when the call is Gavel's and final. */
export async function correctFromCallRecord(
  database: GavelDb,
  conferenceId: string,
  callId: string,
): Promise<CallRecordCorrection> {
  const stay = await placedCallStay(database, conferenceId, callId);
  if (!stay) return "not_placed_by_gavel";
  let durationSeconds: number | null = null;
  try {
    // One attempt's worth of time, retries included: the next poll asks again.
    const info = await sinchClient().getCall(callId, { signal: AbortSignal.timeout(config().SINCH_TIMEOUT_MS) });
    if (info.status === "FINAL" && info.duration !== undefined) durationSeconds = info.duration;
  } catch (e) {
    log("warn", "attendance_call_record_failed", { conferenceId, callId, error: String(e) });
  }
  if (durationSeconds === null && stay.final) durationSeconds = stay.durationSeconds;
  if (durationSeconds === null) return "not_final_yet";
  await correctLeaveFromCallRecord(database, conferenceId, callId, stay.joinedAt + durationSeconds * 1000);
  return "corrected";
}
