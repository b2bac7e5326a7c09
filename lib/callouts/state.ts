/**
 * Sinch's call info → where a callout is. Client-safe and pure.
 *
 *   ONGOING + N/A                 → dialing
 *   ONGOING + ANSWERED            → joined, when the callId is in the conference's
 *                                   participant list; otherwise answered (a TTS or
 *                                   custom callout without a room, or a conference
 *                                   callee still hearing the greeting)
 *   FINAL + BUSY                  → busy
 *   FINAL + NOANSWER              → no_answer
 *   FINAL + FAILED                → failed
 *   FINAL + ANSWERED (or N/A)     → ended (Sinch's reason says who hung up)
 *
 * A state never goes backwards: once joined, a call that still reads ANSWERED stays
 * joined (the room list may lag), and a final state is final.
 */
import type { CallInfo } from "../sinch/schemas";
import { isFinal, type CalloutState } from "../vocabulary/callouts";

const RANK: Record<CalloutState, number> = {
  placing: 0,
  unknown: 0,
  dialing: 1,
  answered: 2,
  joined: 3,
  busy: 4,
  no_answer: 4,
  failed: 4,
  ended: 4,
};

export function stateFromCallInfo(info: Pick<CallInfo, "status" | "result">, inRoom: boolean): CalloutState {
  if (info.status === "FINAL") {
    switch (info.result) {
      case "BUSY":
        return "busy";
      case "NOANSWER":
        return "no_answer";
      case "FAILED":
        return "failed";
      default:
        return "ended";
    }
  }
  if (info.result === "ANSWERED") return inRoom ? "joined" : "answered";
  return "dialing";
}

/** The later of two states: `next` unless it would move the callout backwards. */
export function advance(current: CalloutState, next: CalloutState): CalloutState {
  if (isFinal(current)) return current;
  return RANK[next] >= RANK[current] ? next : current;
}
