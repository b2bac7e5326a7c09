/**
 * When the timeline and "Left recently" read again, instead of every few seconds.
 * Both come from what the server records as it polls (joins and leaves, from each
 * list it fetches) and what moderators do through Gavel (the audit trail). So they
 * read again:
 * - one live answer after a list in which somebody joined or left (the server records
 *   a list's joins and leaves just after answering it, lib/conferences/server/live-cache.ts,
 *   so they are read one answer after the change was seen, not at once);
 * - when one of this browser's own commands on the conference is answered (its audit
 *   entry is complete by then), success or failure;
 * - and slowly otherwise (FOLLOW_LIVE_FALLBACK_MS), for what neither shows: another
 *   moderator's action, Sinch's end reason arriving later, the last poll time.
 * A mute or a hold seen in the list does not read them again: the row shows it at
 * once, and what Gavel audits of it comes with the command that did it. Profiled in
 * the bench's 500-row room, re-reading both after every changed list (a mute per
 * poll) was a third of the main-thread work each poll added.
 */
import { hashKey, matchMutation, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect } from "react";
import { conferenceMutationKeys } from "../../conferences/client/queries";
import { sameMembers } from "../../conferences/presence";
import { conferenceKeys, type LiveParticipant } from "../../conferences/types";

/** The slow poll for what the live list and this browser's commands do not show. */
export const FOLLOW_LIVE_FALLBACK_MS = 30_000;

/**
 * Invalidates `key` at the first live answer after one in which somebody joined or
 * left, and when a command of this browser on the conference is answered. Returns
 * the unsubscribe.
 */
export function followLive(qc: QueryClient, conferenceId: string, key: QueryKey): () => void {
  const liveHash = hashKey(conferenceKeys.live(conferenceId));
  const participantsNow = () =>
    qc.getQueryData<{ participants: LiveParticipant[] }>(conferenceKeys.live(conferenceId))?.participants;
  const readAgain = () => void qc.invalidateQueries({ queryKey: key, exact: true });
  let seen = participantsNow();
  let changed = false;
  const offLive = qc.getQueryCache().subscribe((event) => {
    if (event.type !== "updated" || event.action.type !== "success" || event.query.queryHash !== liveHash) return;
    if (changed) {
      changed = false;
      readAgain();
    }
    const participants = participantsNow();
    if (participants !== seen) {
      if (!sameMembers(seen, participants)) changed = true;
      seen = participants;
    }
  });
  const commands = { mutationKey: conferenceMutationKeys.commands(conferenceId) };
  const offCommands = qc.getMutationCache().subscribe((event) => {
    if (event.type !== "updated" || !event.mutation) return;
    if (event.action.type !== "success" && event.action.type !== "error") return;
    if (matchMutation(commands, event.mutation)) readAgain();
  });
  return () => {
    offLive();
    offCommands();
  };
}

/** followLive for a mounted query (its key from the conference id), while `enabled`. */
export function useFollowLive(conferenceId: string, keyOf: (conferenceId: string) => QueryKey, enabled: boolean): void {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    return followLive(qc, conferenceId, keyOf(conferenceId));
  }, [qc, conferenceId, keyOf, enabled]);
}
