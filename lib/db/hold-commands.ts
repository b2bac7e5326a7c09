/**
 * Gavel's own hold commands, read back from the audit trail: Sinch's conference info
 * says whether a participant is on hold but not with which music, so the music shown
 * on a held row is the one Gavel's last hold or resume of that call asked for. Only
 * commands that may have happened count (a refused one did not).
 */
import type { GavelDb } from "./index";

export interface HoldCommand {
  /** The command: "participant.hold" or "participant.resume". */
  action: "participant.hold" | "participant.resume";
  /** The moh class the hold asked for, as stored (checked by the caller); null if none. */
  moh: string | null;
  /** Epoch ms the command was written. */
  at: number;
  actorEmail: string | null;
}

function mohOf(params: string | null): string | null {
  if (!params) return null;
  try {
    const v = (JSON.parse(params) as { moh?: unknown }).moh;
    return typeof v === "string" ? v : null;
  } catch {
    return null;
  }
}

/**
 * Each call's last hold or resume command in this conference that Sinch did not
 * refuse (succeeded, unknown, interrupted or still pending): one query for the calls
 * given, newest first, through the conference's index (conference_id, at).
 */
export async function lastHoldCommands(
  db: GavelDb,
  conferenceId: string,
  callIds: readonly string[],
): Promise<Map<string, HoldCommand>> {
  const out = new Map<string, HoldCommand>();
  if (callIds.length === 0) return out;
  const rows = await db.kysely
    .selectFrom("audit_log")
    .select(["target_call_id", "action", "params", "at", "actor_email"])
    .where("conference_id", "=", conferenceId)
    .where("target_call_id", "in", [...new Set(callIds)])
    .where("action", "in", ["participant.hold", "participant.resume"])
    .where("outcome", "!=", "failed")
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .execute();
  for (const r of rows) {
    if (r.target_call_id === null || out.has(r.target_call_id)) continue;
    out.set(r.target_call_id, {
      action: r.action === "participant.hold" ? "participant.hold" : "participant.resume",
      moh: r.action === "participant.hold" ? mohOf(r.params) : null,
      at: r.at,
      actorEmail: r.actor_email,
    });
  }
  return out;
}
