/**
 * The callouts' words: the kinds of callout, where a callout can be, what a
 * destination can be, and the limits and windows the rest of the house agrees on.
 * Pure and low: persistence (lib/db), the server and the browser all read it, and it
 * imports nothing, so none of them has to reach into another's folder for a name.
 */

export const CALLOUT_TYPES = ["conference", "tts", "custom"] as const;
export type CalloutType = (typeof CALLOUT_TYPES)[number];

/**
 * Where a callout is. `placing`: stored, Sinch not yet answered the POST. Then what
 * call info says: dialing (ONGOING, N/A), answered (ONGOING, ANSWERED), joined (a
 * conference callout whose callId is in the room's participant list), and the final
 * ones: busy, no_answer, failed (Sinch's FAILED, or Sinch refused the callout), ended
 * (answered, then hung up; Sinch's reason says who). `unknown`: Sinch did not answer
 * the POST readably (timeout, connection dropped, a 2xx without a callId), so the
 * call may have been placed; a conference callout leaves it for joined when its
 * number appears in the room, or for failed ("not placed") when it does not.
 */
export const CALLOUT_STATES = [
  "placing",
  "unknown",
  "dialing",
  "answered",
  "joined",
  "busy",
  "no_answer",
  "failed",
  "ended",
] as const;
export type CalloutState = (typeof CALLOUT_STATES)[number];

export const FINAL_STATES: readonly CalloutState[] = ["busy", "no_answer", "failed", "ended"];
export const ACTIVE_STATES: readonly CalloutState[] = ["placing", "unknown", "dialing", "answered", "joined"];

export function isFinal(state: CalloutState): boolean {
  return FINAL_STATES.includes(state);
}

export function isCalloutState(v: unknown): v is CalloutState {
  return typeof v === "string" && (CALLOUT_STATES as readonly string[]).includes(v);
}

export function isCalloutType(v: unknown): v is CalloutType {
  return typeof v === "string" && (CALLOUT_TYPES as readonly string[]).includes(v);
}

export const STATE_LABELS: Record<CalloutState, string> = {
  placing: "Placing",
  unknown: "May have been placed",
  dialing: "Dialing",
  answered: "Answered",
  joined: "Joined",
  busy: "Busy",
  no_answer: "No answer",
  failed: "Failed",
  ended: "Ended",
};

export const TYPE_LABELS: Record<CalloutType, string> = {
  conference: "Conference",
  tts: "Text-to-speech",
  custom: "Custom",
};

export const DESTINATION_KINDS = ["number", "username", "sip"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];
/** The destination-type choices in the forms (short: the field below says "Phone number" in full). */
export const DESTINATION_LABELS: Record<DestinationKind, string> = {
  number: "Phone",
  username: "App user",
  sip: "SIP",
};

/** A callout placed again with the same idempotency key within this window returns the first one. */
export const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000;
/** The most numbers "Dial a list" takes at once. */
export const MAX_BATCH_LINES = 500;
export const LABEL_MAX = 100;
export const CALLOUTS_PAGE_LIMIT = 200;
/** The most one list read returns (a whole dial-a-list batch with its retries). */
export const CALLOUTS_MAX_LIMIT = 1000;
/** How long a finished callout into a conference still shows as a ghost row there. */
export const GHOST_ROW_WINDOW_MS = 10 * 60 * 1000;
