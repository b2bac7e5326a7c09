/**
 * The conferences API: each route of ./endpoints.ts with the zod schemas its inputs
 * are parsed with (the server's routes and the front door use this; the browser uses
 * ./endpoints.ts).
 */
import { withSchemas } from "../api/endpoint";
import { conferenceEndpoints as e } from "./endpoints";
import {
  bulkBodySchema,
  conferenceParamsSchema,
  kickBodySchema,
  listConferencesQuerySchema,
  manageParticipantBodySchema,
  openConferenceBodySchema,
  participantParamsSchema,
  updateConferenceBodySchema,
} from "./schemas";

export const conferencesApi = {
  list: withSchemas(e.list, { query: listConferencesQuerySchema }),
  open: withSchemas(e.open, { body: openConferenceBodySchema }),
  get: withSchemas(e.get, { params: conferenceParamsSchema }),
  update: withSchemas(e.update, { params: conferenceParamsSchema, body: updateConferenceBodySchema }),
  forget: withSchemas(e.forget, { params: conferenceParamsSchema }),
  end: withSchemas(e.end, { params: conferenceParamsSchema }),
  live: withSchemas(e.live, { params: conferenceParamsSchema }),
  manage: withSchemas(e.manage, { params: participantParamsSchema, body: manageParticipantBodySchema }),
  kick: withSchemas(e.kick, { params: participantParamsSchema, body: kickBodySchema }),
  bulk: withSchemas(e.bulk, { params: conferenceParamsSchema, body: bulkBodySchema }),
};
