/**
 * The lobby's Waiting list in the database (0014-fleet): the instance watching a room
 * (lib/policies/server/watcher.ts) writes who it holds there after each round that
 * changed it, so whichever instance serves a moderator lists them, and an instance
 * taking the room over knows who waits.
 */
import type { GavelDb } from "./index";

export interface LobbyWaitingRow {
  callId: string;
  cli: string;
  since: number;
}

/** Replaces the room's Waiting list with `entries`. */
export async function saveLobbyWaiting(
  db: GavelDb,
  conferenceId: string,
  entries: readonly LobbyWaitingRow[],
): Promise<void> {
  await db.kysely.transaction().execute(async (tx) => {
    await tx.deleteFrom("lobby_waiting").where("conference_id", "=", conferenceId).execute();
    if (entries.length === 0) return;
    await tx
      .insertInto("lobby_waiting")
      .values(entries.map((e) => ({ conference_id: conferenceId, call_id: e.callId, cli: e.cli, since: e.since })))
      .execute();
  });
}

/** The room's Waiting list, longest waiting first. */
export async function listLobbyWaiting(db: GavelDb, conferenceId: string): Promise<LobbyWaitingRow[]> {
  const rows = await db.kysely
    .selectFrom("lobby_waiting")
    .selectAll()
    .where("conference_id", "=", conferenceId)
    .orderBy("since", "asc")
    .orderBy("call_id", "asc")
    .execute();
  return rows.map((r) => ({ callId: r.call_id, cli: r.cli, since: Number(r.since) }));
}

/** One joiner left the lobby (admitted, turned away). */
export async function removeLobbyWaiting(db: GavelDb, conferenceId: string, callId: string): Promise<void> {
  await db.kysely
    .deleteFrom("lobby_waiting")
    .where("conference_id", "=", conferenceId)
    .where("call_id", "=", callId)
    .execute();
}
