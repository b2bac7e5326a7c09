/**
 * Which of Gavel's callouts into a conference its page shows as "ghost rows" beside
 * the participants. Client-safe and pure.
 */
import { GHOST_ROW_WINDOW_MS } from "../vocabulary/callouts";
import type { CalloutView } from "./contract";

/**
 * Kept: callouts whose callee is not among `participantCallIds` and that are still
 * in progress, or that ended without joining less than GHOST_ROW_WINDOW_MS ago
 * (`now` 0, before the clock starts, keeps them). Someone who joined and left
 * since is the participant list's business, not a ghost's; dismissed ones are gone.
 */
export function ghostCallouts(
  callouts: readonly CalloutView[],
  participantCallIds: ReadonlySet<string>,
  now: number,
  dismissed: ReadonlySet<string> = new Set(),
): CalloutView[] {
  return callouts.filter((c) => {
    if (dismissed.has(c.id)) return false;
    if (c.callId !== null && participantCallIds.has(c.callId)) return false;
    if (!c.final) return true;
    if (c.state === "ended" && c.joinedAt !== null) return false;
    const ended = Date.parse(c.endedAt ?? c.updatedAt);
    return now === 0 || now - ended < GHOST_ROW_WINDOW_MS;
  });
}
