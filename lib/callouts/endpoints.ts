/**
 * The callouts API as the browser calls it: each route's method, path and reply, and
 * the types of its inputs (schemas imported as types only, so no zod reaches the
 * browser); ./contract.ts adds the schemas for the server.
 */
import { json, route } from "../api/endpoint";
import type * as Conferences from "../conferences/schemas";
import type * as C from "./schemas";
import type * as F from "./forms";
import type { BatchResponse, CalloutListResponse, CalloutSettings, PlaceCalloutResponse } from "./types";

type Shapes = ReturnType<typeof F.calloutSchemas>;

export const calloutEndpoints = {
  /** Recent callouts, newest first; the unfinished ones refreshed from Sinch's call info. */
  list: route<CalloutListResponse, undefined, typeof C.calloutListQuerySchema>({
    method: "GET",
    path: "/api/callouts",
    summary: "Recent callouts, newest first",
    permission: "callout:place",
    reply: json(),
  }),
  /**
   * Place a conference, text-to-speech or custom callout. An Idempotency-Key header
   * or body idempotencyKey: a repeat within 10 minutes answers the first callout.
   */
  place: route<PlaceCalloutResponse, undefined, undefined, Shapes["callout"]>({
    method: "POST",
    path: "/api/callouts",
    summary: "Place a conference, text-to-speech or custom callout (Idempotency-Key honoured)",
    permission: "callout:place",
    kind: "callout",
    reply: json(),
  }),
  /** Dial a list of numbers into one conference; answers per line. */
  batch: route<BatchResponse, undefined, undefined, Shapes["batch"]>({
    method: "POST",
    path: "/api/callouts/batch",
    summary: "Dial a list of numbers into one conference; answers per line",
    permission: "callout:place",
    kind: "callout",
    reply: json(),
  }),
  /** Place a finished callout's request again, as a new callout. */
  retry: route<PlaceCalloutResponse, typeof C.calloutParamsSchema, undefined, typeof F.retryBodySchema>({
    method: "POST",
    path: "/api/callouts/:calloutId/retry",
    summary: "Place a finished callout's request again, as a new callout",
    permission: "callout:place",
    kind: "callout",
    reply: json(),
  }),
  /** The caller IDs and default country the callout forms need. */
  settings: route<CalloutSettings>({
    method: "GET",
    path: "/api/callouts/settings",
    summary: "The caller IDs and default country the callout forms offer",
    permission: "callout:place",
    reply: json(),
  }),
  /** Callouts into one conference still ringing or recently ended (the console's ghost rows). */
  conference: route<CalloutListResponse, typeof Conferences.conferenceParamsSchema>({
    method: "GET",
    path: "/api/conferences/:conferenceId/callouts",
    summary: "Callouts into one conference still ringing or recently ended",
    permission: "conference:view",
    reply: json(),
  }),
};
