/** The invites API: ./endpoints.ts with the schemas the server parses with. */
import { withSchemas } from "../api/endpoint";
import { invitesEndpoints as e } from "./endpoints";
import * as r from "./replies";
import { addInvitesBodySchema, dialMissingBodySchema, invitesParamsSchema, removeInviteQuerySchema } from "./schemas";

export const invitesApi = {
  list: withSchemas(e.list, { params: invitesParamsSchema, reply: r.invitesReplySchema }),
  add: withSchemas(e.add, { params: invitesParamsSchema, body: addInvitesBodySchema, reply: r.addInvitesReplySchema }),
  remove: withSchemas(e.remove, {
    params: invitesParamsSchema,
    query: removeInviteQuerySchema,
    reply: r.removeInviteReplySchema,
  }),
  dial: withSchemas(e.dial, {
    params: invitesParamsSchema,
    body: dialMissingBodySchema,
    reply: r.dialMissingReplySchema,
  }),
};
