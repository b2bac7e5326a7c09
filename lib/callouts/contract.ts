/**
 * The callouts API's contract with its callers: each endpoint (method, path,
 * permission, what it takes), what the routes read from the URL (path and list
 * query) and the shape of every answer. The browser's fetches and the routes use
 * these same types. Client-safe: no server imports.
 */
import { z } from "zod";
import { endpoint, json } from "../api/endpoint";
import { conferenceParamsSchema } from "../conferences/schemas";
import { conferenceIdSchema, type CallReason, type CallResult, type CalloutRequest } from "../sinch/schemas";
import {
  CALLOUT_STATES,
  CALLOUTS_MAX_LIMIT,
  CALLOUTS_PAGE_LIMIT,
  type CalloutState,
  type CalloutType,
} from "../vocabulary/callouts";
import { emptyToUndefined, idempotencyKeySchema } from "./fields";
import { calloutSchemas, retryBodySchema } from "./forms";

export const calloutParamsSchema = z.object({
  calloutId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9-]+$/, "is not a callout id"),
});

export const calloutListQuerySchema = z
  .object({
    state: z.preprocess(
      emptyToUndefined,
      z
        .enum([...CALLOUT_STATES, "active", "finished"], {
          error: `must be one of ${[...CALLOUT_STATES, "active", "finished"].join(", ")}`,
        })
        .optional(),
    ),
    conferenceId: z.preprocess(emptyToUndefined, conferenceIdSchema.optional()),
    batchId: z.preprocess(emptyToUndefined, idempotencyKeySchema.optional()),
    limit: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a number" })
        .int("must be a whole number")
        .min(1, "must be at least 1")
        .max(CALLOUTS_MAX_LIMIT, `must be at most ${CALLOUTS_MAX_LIMIT}`)
        .default(CALLOUTS_PAGE_LIMIT),
    ),
  })
  .strict();
export type CalloutListQuery = z.output<typeof calloutListQuerySchema>;
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

/**
 * The shape of a callout and of a batch. Which caller IDs are allowed and which
 * country a number without + is read in are the server's configuration, so the
 * routes parse with schemas built from it (lib/callouts/server/inputs.ts); these,
 * built with none, carry the same types for the browser and the API's description.
 */
const shape = calloutSchemas({ callerIds: [], defaultCountry: null });

export const calloutsApi = {
  /** Recent callouts, newest first; the unfinished ones refreshed from Sinch's call info. */
  list: endpoint({
    method: "GET",
    path: "/api/callouts",
    permission: "callout:place",
    query: calloutListQuerySchema,
    reply: json<CalloutListResponse>(),
  }),
  /**
   * Place a conference, text-to-speech or custom callout. An Idempotency-Key header
   * or body idempotencyKey: a repeat within 10 minutes answers the first callout.
   */
  place: endpoint({
    method: "POST",
    path: "/api/callouts",
    permission: "callout:place",
    kind: "callout",
    body: shape.callout,
    reply: json<PlaceCalloutResponse>(),
  }),
  /** Dial a list of numbers into one conference; answers per line. */
  batch: endpoint({
    method: "POST",
    path: "/api/callouts/batch",
    permission: "callout:place",
    kind: "callout",
    body: shape.batch,
    reply: json<BatchResponse>(),
  }),
  /** Place a finished callout's request again, as a new callout. */
  retry: endpoint({
    method: "POST",
    path: "/api/callouts/:calloutId/retry",
    permission: "callout:place",
    kind: "callout",
    params: calloutParamsSchema,
    body: retryBodySchema,
    reply: json<PlaceCalloutResponse>(),
  }),
  /** The caller IDs and default country the callout forms need. */
  settings: endpoint({
    method: "GET",
    path: "/api/callouts/settings",
    permission: "callout:place",
    reply: json<CalloutSettings>(),
  }),
  /** Callouts into one conference still ringing or recently ended (the console's ghost rows). */
  conference: endpoint({
    method: "GET",
    path: "/api/conferences/:conferenceId/callouts",
    permission: "conference:view",
    params: conferenceParamsSchema,
    reply: json<CalloutListResponse>(),
  }),
};
