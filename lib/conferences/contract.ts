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
import * as r from "./replies";

export const conferencesApi = {
  list: withSchemas(e.list, { query: listConferencesQuerySchema, reply: r.conferenceListReplySchema }),
  open: withSchemas(e.open, { body: openConferenceBodySchema, reply: r.oneConferenceSchema }),
  get: withSchemas(e.get, { params: conferenceParamsSchema, reply: r.oneConferenceSchema }),
  update: withSchemas(e.update, {
    params: conferenceParamsSchema,
    body: updateConferenceBodySchema,
    reply: r.oneConferenceSchema,
  }),
  forget: withSchemas(e.forget, { params: conferenceParamsSchema, reply: r.forgottenConferenceSchema }),
  end: withSchemas(e.end, { params: conferenceParamsSchema, reply: r.kickAllReplySchema }),
  live: withSchemas(e.live, { params: conferenceParamsSchema, reply: r.liveViewSchema }),
  manage: withSchemas(e.manage, {
    params: participantParamsSchema,
    body: manageParticipantBodySchema,
    reply: r.okOrUnknownSchema,
  }),
  kick: withSchemas(e.kick, { params: participantParamsSchema, body: kickBodySchema, reply: r.okOrUnknownSchema }),
  bulk: withSchemas(e.bulk, { params: conferenceParamsSchema, body: bulkBodySchema, reply: r.bulkReplySchema }),
};
