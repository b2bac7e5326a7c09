/**
 * The music a held participant hears, as far as Gavel knows it: Sinch's conference
 * info says `onhold` and nothing about the music, so each held participant's
 * `holdMusic` is what Gavel's own last hold command for that call asked for (read
 * from the audit trail, lib/db/hold-commands.ts), attached once per fetch like the
 * names (./labels.ts). Null when Gavel's last command for the call was a resume, or
 * there is none (held outside Gavel), or the hold named no music: the row then says
 * "On hold" without a name rather than guess. The limit, said in the README: a
 * participant Gavel held with Music 2 and someone else then re-held with other music
 * still shows Music 2, since Sinch gives no way to tell.
 */
import "server-only";
import { db } from "../../db";
import { lastHoldCommands } from "../../db/hold-commands";
import { log } from "../../log/logger";
import type { MohClass } from "../../sinch/constants";
import { isMohClass } from "../hold-music";

/** The participants with `holdMusic` set on those on hold; no query when nobody is. */
export async function withHoldMusic<P extends { callId: string; onhold: boolean }>(
  conferenceId: string,
  participants: P[],
): Promise<(P & { holdMusic?: MohClass | null })[]> {
  const held = participants.filter((p) => p.onhold).map((p) => p.callId);
  if (held.length === 0) return participants;
  let commands: Awaited<ReturnType<typeof lastHoldCommands>>;
  try {
    commands = await lastHoldCommands(await db(), conferenceId, held);
  } catch (e) {
    // The list matters more than its music: without the trail, held rows say "On hold".
    log("error", "live_hold_music_failed", { error: String(e) });
    commands = new Map();
  }
  return participants.map((p) => {
    if (!p.onhold) return p;
    const c = commands.get(p.callId);
    const moh = c?.action === "participant.hold" && isMohClass(c.moh) ? c.moh : null;
    return { ...p, holdMusic: moh };
  });
}
