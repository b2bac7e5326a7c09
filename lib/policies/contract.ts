/** The room policies API: ./endpoints.ts with the schemas the server parses with. */
import { withSchemas } from "../api/endpoint";
import { bulkReplySchema, okOrUnknownSchema } from "../conferences/replies";
import { policyEndpoints as e } from "./endpoints";
import { roomPoliciesSchema } from "./replies";
import { policyParamsSchema, speakersBodySchema, updatePoliciesBodySchema, waitingParamsSchema } from "./schemas";

export const policiesApi = {
  get: withSchemas(e.get, { params: policyParamsSchema, reply: roomPoliciesSchema }),
  update: withSchemas(e.update, {
    params: policyParamsSchema,
    body: updatePoliciesBodySchema,
    reply: roomPoliciesSchema,
  }),
  speakers: withSchemas(e.speakers, {
    params: policyParamsSchema,
    body: speakersBodySchema,
    reply: roomPoliciesSchema,
  }),
  admit: withSchemas(e.admit, { params: waitingParamsSchema, reply: okOrUnknownSchema }),
  muteExceptSpeakers: withSchemas(e.muteExceptSpeakers, { params: policyParamsSchema, reply: bulkReplySchema }),
};
