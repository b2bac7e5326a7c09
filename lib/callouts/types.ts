/**
 * The callouts API's answers and list filters as types, without zod: the browser
 * imports these; the schemas the server parses with are in ./contract.ts and ./forms.ts.
 */
import type { CallReason, CallResult, CalloutRequest } from "../sinch/schemas";
import type { CalloutState, CalloutType } from "../vocabulary/callouts";

export type CalloutListFilters = {
  state?: CalloutState | "active" | "finished";
  conferenceId?: string;
  batchId?: string;
  limit?: number;
};

/** One callout as the API shows it. Times are ISO strings. */
export interface CalloutView {
  id: string;
  type: CalloutType;
  state: CalloutState;
  final: boolean;
  callId: string | null;
  destination: { type: string; endpoint: string };
  cli: string | null;
  conferenceId: string | null;
  label: string | null;
  /** The directory's name for the destination number now (absent or null when no contact holds it). */
  name?: string | null;
  /** Sinch's call info result and reason (N/A while ringing), when Gavel has read them. */
  result: CallResult | null;
  reason: CallReason | null;
  /** Seconds connected, from call info. */
  durationSeconds: number | null;
  /** Why Gavel could not place or follow the call (Sinch refused, timed out...). */
  error: string | null;
  actorEmail: string | null;
  batchId: string | null;
  /** The callout this one placed again (Retry). */
  retryOf: string | null;
  /** The wire request sent to Sinch. */
  request: CalloutRequest;
  createdAt: string;
  updatedAt: string;
  joinedAt: string | null;
  endedAt: string | null;
}

export interface PlaceCalloutResponse {
  callout: CalloutView;
  /** True when the idempotency key had been seen: this is the first callout, not a new one. */
  replayed: boolean;
  /**
   * Set when Sinch did not answer readably (answered 202): the callout is "unknown",
   * it may have been placed; a conference callout is decided from the room.
   */
  outcome?: "unknown";
  requestId?: string;
  message?: string;
}

export interface CalloutListResponse {
  callouts: CalloutView[];
}

export interface BatchLineResult {
  /** The line's position in the request's `lines`. */
  index: number;
  /** As sent. */
  number: string;
  label: string | null;
  ok: boolean;
  callout: CalloutView | null;
  replayed: boolean;
  error: { code: string; message: string } | null;
}

export interface BatchResponse {
  batchId: string;
  conferenceId: string;
  results: BatchLineResult[];
  placed: number;
  failed: number;
}

export interface CalloutSettings {
  callerIds: string[];
  defaultCountry: string;
}
