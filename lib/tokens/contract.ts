/** The API tokens API: ./endpoints.ts with the schemas the server parses with. */
import { withSchemas } from "../api/endpoint";
import { tokensEndpoints as e } from "./endpoints";
import * as r from "./replies";
import { createTokenSchema, tokenParamsSchema, userTokenParamsSchema, userTokensParamsSchema } from "./schemas";

export const tokensApi = {
  ownList: withSchemas(e.ownList, { reply: r.apiTokenListSchema }),
  ownCreate: withSchemas(e.ownCreate, { body: createTokenSchema, reply: r.createdApiTokenSchema }),
  ownRevoke: withSchemas(e.ownRevoke, { params: tokenParamsSchema, reply: r.revokedApiTokenSchema }),
  userList: withSchemas(e.userList, { params: userTokensParamsSchema, reply: r.apiTokenListSchema }),
  userCreate: withSchemas(e.userCreate, {
    params: userTokensParamsSchema,
    body: createTokenSchema,
    reply: r.createdApiTokenSchema,
  }),
  userRevoke: withSchemas(e.userRevoke, { params: userTokenParamsSchema, reply: r.revokedApiTokenSchema }),
};
