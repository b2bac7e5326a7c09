/** The room policies API: ./endpoints.ts with the schemas the server parses with. */
import { withSchemas } from "../api/endpoint";
import { policyEndpoints as e } from "./endpoints";
import { policyParamsSchema, speakersBodySchema, updatePoliciesBodySchema, waitingParamsSchema } from "./schemas";

export const policiesApi = {
  get: withSchemas(e.get, { params: policyParamsSchema }),
  update: withSchemas(e.update, { params: policyParamsSchema, body: updatePoliciesBodySchema }),
  speakers: withSchemas(e.speakers, { params: policyParamsSchema, body: speakersBodySchema }),
  admit: withSchemas(e.admit, { params: waitingParamsSchema }),
  muteExceptSpeakers: withSchemas(e.muteExceptSpeakers, { params: policyParamsSchema }),
};
