/**
 * The API tokens API as the browser calls it (schemas named by type only; ./contract.ts
 * adds them). `own*`: any signed-in user's own tokens (tokens:own); `user*`: an admin
 * on anyone's (tokens:manage). Requests made with an API token cannot manage tokens.
 */
import { json, route } from "../api/endpoint";
import type * as S from "./schemas";
import type { ApiTokenList, ApiTokenView, CreatedApiToken } from "./types";

type Create = typeof S.createTokenSchema;

export const tokensEndpoints = {
  ownList: route<ApiTokenList>({
    method: "GET",
    path: "/api/tokens",
    summary: "The caller's API tokens (never their secrets)",
    permission: "tokens:own",
    reply: json(),
  }),
  ownCreate: route<CreatedApiToken, undefined, undefined, Create>({
    method: "POST",
    path: "/api/tokens",
    summary: "Make an API token for oneself; its secret is in this answer only",
    permission: "tokens:own",
    reply: json(),
  }),
  ownRevoke: route<{ apiToken: ApiTokenView }, typeof S.tokenParamsSchema>({
    method: "DELETE",
    path: "/api/tokens/:tokenId",
    summary: "Revoke one of one's API tokens",
    permission: "tokens:own",
    reply: json(),
  }),
  userList: route<ApiTokenList, typeof S.userTokensParamsSchema>({
    method: "GET",
    path: "/api/users/:userId/tokens",
    summary: "A user's API tokens",
    permission: "tokens:manage",
    reply: json(),
  }),
  userCreate: route<CreatedApiToken, typeof S.userTokensParamsSchema, undefined, Create>({
    method: "POST",
    path: "/api/users/:userId/tokens",
    summary: "Make an API token for a user (it acts with their role)",
    permission: "tokens:manage",
    reply: json(),
  }),
  userRevoke: route<{ apiToken: ApiTokenView }, typeof S.userTokenParamsSchema>({
    method: "DELETE",
    path: "/api/users/:userId/tokens/:tokenId",
    summary: "Revoke a user's API token",
    permission: "tokens:manage",
    reply: json(),
  }),
};
