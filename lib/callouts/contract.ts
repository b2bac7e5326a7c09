/** The callouts API: what each route takes and answers. Client-safe. */
import { endpoint, json } from "../api/endpoint";
import { conferenceParamsSchema } from "../conferences/schemas";
import {
  calloutListQuerySchema,
  calloutParamsSchema,
  calloutSchemas,
  retryBodySchema,
  type BatchResponse,
  type CalloutListResponse,
  type CalloutSettings,
  type PlaceCalloutResponse,
} from "./schemas";

/**
 * The shape of a callout and of a batch. Which caller IDs are allowed and which
 * country a number without + is read in are the server's configuration, so the
 * routes parse with schemas built from it (lib/callouts/server/service.ts); these,
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
    body: shape.callout,
    reply: json<PlaceCalloutResponse>(),
  }),
  /** Dial a list of numbers into one conference; answers per line. */
  batch: endpoint({
    method: "POST",
    path: "/api/callouts/batch",
    permission: "callout:place",
    body: shape.batch,
    reply: json<BatchResponse>(),
  }),
  /** Place a finished callout's request again, as a new callout. */
  retry: endpoint({
    method: "POST",
    path: "/api/callouts/:calloutId/retry",
    permission: "callout:place",
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
