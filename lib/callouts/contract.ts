/**
 * The callouts API's contract: each route of ./endpoints.ts with the zod schemas its
 * inputs are parsed with, and what the routes read from the URL (path and list
 * query). The answers' types are in ./types.ts (re-exported here); the browser calls
 * ./endpoints.ts, so no zod reaches it.
 */
import { withSchemas } from "../api/endpoint";
import { conferenceParamsSchema } from "../conferences/schemas";
import { calloutEndpoints as e } from "./endpoints";
import { calloutSchemas, retryBodySchema } from "./forms";
import { calloutListQuerySchema, calloutParamsSchema } from "./schemas";
import * as r from "./replies";

export * from "./types";
export * from "./schemas";

/**
 * The shape of a callout and of a batch. Which caller IDs are allowed and which
 * country a number without + is read in are the server's configuration, so the
 * routes parse with schemas built from it (lib/callouts/server/inputs.ts); these,
 * built with none, carry the same types for the browser and the API's description.
 */
const shape = calloutSchemas({ callerIds: [], defaultCountry: null });

export const calloutsApi = {
  list: withSchemas(e.list, { query: calloutListQuerySchema, reply: r.calloutListReplySchema }),
  place: withSchemas(e.place, { body: shape.callout, reply: r.placeCalloutReplySchema }),
  batch: withSchemas(e.batch, { body: shape.batch, reply: r.batchReplySchema }),
  retry: withSchemas(e.retry, { params: calloutParamsSchema, body: retryBodySchema, reply: r.placeCalloutReplySchema }),
  settings: withSchemas(e.settings, { reply: r.calloutSettingsSchema }),
  conference: withSchemas(e.conference, { params: conferenceParamsSchema, reply: r.calloutListReplySchema }),
};
