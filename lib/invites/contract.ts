/** The invites API: ./endpoints.ts with the schemas the server parses with. */
import { withSchemas } from "../api/endpoint";
import { invitesEndpoints as e } from "./endpoints";
import { addInvitesBodySchema, dialMissingBodySchema, invitesParamsSchema, removeInviteQuerySchema } from "./schemas";

export const invitesApi = {
  list: withSchemas(e.list, { params: invitesParamsSchema }),
  add: withSchemas(e.add, { params: invitesParamsSchema, body: addInvitesBodySchema }),
  remove: withSchemas(e.remove, { params: invitesParamsSchema, query: removeInviteQuerySchema }),
  dial: withSchemas(e.dial, { params: invitesParamsSchema, body: dialMissingBodySchema }),
};
