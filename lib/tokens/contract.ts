/** The API tokens API: ./endpoints.ts with the schemas the server parses with. */
import { withSchemas } from "../api/endpoint";
import { tokensEndpoints as e } from "./endpoints";
import { createTokenSchema, tokenParamsSchema, userTokenParamsSchema, userTokensParamsSchema } from "./schemas";

export const tokensApi = {
  ownList: withSchemas(e.ownList, {}),
  ownCreate: withSchemas(e.ownCreate, { body: createTokenSchema }),
  ownRevoke: withSchemas(e.ownRevoke, { params: tokenParamsSchema }),
  userList: withSchemas(e.userList, { params: userTokensParamsSchema }),
  userCreate: withSchemas(e.userCreate, { params: userTokensParamsSchema, body: createTokenSchema }),
  userRevoke: withSchemas(e.userRevoke, { params: userTokenParamsSchema }),
};
