/**
 * The timeline and "Left recently" read again when the conference's live list
 * changes, instead of every few seconds. Both come from what the server records as it
 * polls (joins and leaves, from each list it fetches) and what moderators do (the
 * audit trail); a change Gavel records nearly always shows in the live list too (a
 * join, a leave, a mute, a hold, a label). The server records a list's joins and
 * leaves just after answering it (lib/conferences/server/live-cache.ts), so they are
 * read one live answer after the change was seen, not at once. What the live list
 * cannot show (a command that failed, Sinch's end reason arriving later, the
 * conference's last poll time) is caught by a slow poll (FOLLOW_LIVE_FALLBACK_MS).
 */
import { hashKey, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect } from "react";
import { conferenceKeys, type LiveParticipant } from "../../conferences/types";

/** The slow poll for what the live list does not show. */
export const FOLLOW_LIVE_FALLBACK_MS = 30_000;

/**
 * Invalidates `key` at the first live answer after one that changed the participants
 * (a new list, not a 304 or a repeat). Returns the unsubscribe.
 */
export function followLive(qc: QueryClient, conferenceId: string, key: QueryKey): () => void {
  const liveHash = hashKey(conferenceKeys.live(conferenceId));
  const participantsNow = () =>
    qc.getQueryData<{ participants: LiveParticipant[] }>(conferenceKeys.live(conferenceId))?.participants;
  let seen = participantsNow();
  let changed = false;
  return qc.getQueryCache().subscribe((event) => {
    if (event.type !== "updated" || event.action.type !== "success" || event.query.queryHash !== liveHash) return;
    if (changed) {
      changed = false;
      void qc.invalidateQueries({ queryKey: key, exact: true });
    }
    const participants = participantsNow();
    if (participants !== seen) {
      seen = participants;
      changed = true;
    }
  });
}

/** followLive for a mounted query (its key from the conference id), while `enabled`. */
export function useFollowLive(conferenceId: string, keyOf: (conferenceId: string) => QueryKey, enabled: boolean): void {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    return followLive(qc, conferenceId, keyOf(conferenceId));
  }, [qc, conferenceId, keyOf, enabled]);
}
