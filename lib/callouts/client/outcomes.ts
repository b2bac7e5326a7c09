/**
 * A callout whose placement is unknown: Gavel asked Sinch to call, and Sinch did not
 * answer readably (a timeout, a dropped connection, a 2xx without a callId), so the
 * phone may be ringing. The server calls that state "unknown" and resolves it from
 * the conference's list (the number joined → joined; not within three poll windows
 * → failed). Client-safe and pure.
 *
 * The state joins the server's vocabulary with the `outcomes` branch; until then
 * it is compared as a string, so this compiles and works against either.
 */
import type { CalloutState } from "../../vocabulary/callouts";

export const UNKNOWN_CALLOUT_STATE = "unknown";

/** The states a callout is shown in: the vocabulary's, and "unknown". */
export type ShownCalloutState = CalloutState | typeof UNKNOWN_CALLOUT_STATE;

export const MAY_HAVE_BEEN_PLACED = "May have been placed";

export function mayHaveBeenPlaced(c: { state: string }): boolean {
  return c.state === UNKNOWN_CALLOUT_STATE;
}

/** What the retry sends: an unknown callout is retried only once the person accepted a second ring. */
export function retryBody(
  idempotencyKey: string,
  confirmUnknown: boolean,
): { idempotencyKey: string; confirmUnknown?: true } {
  return confirmUnknown ? { idempotencyKey, confirmUnknown: true } : { idempotencyKey };
}
