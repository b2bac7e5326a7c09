// GET /api/users/:userId/tokens: a user's API tokens (admin). POST: make one for them (shown once).
import { apiRoute } from "@/lib/api/server/handler";
import { tokensApi } from "@/lib/tokens/contract";
import { listTokens, makeToken } from "@/lib/tokens/server/service";

export const GET = apiRoute(tokensApi.userList, async (ctx) => listTokens(ctx.params.userId));
export const POST = apiRoute(tokensApi.userCreate, async (ctx) => makeToken(ctx, ctx.params.userId, ctx.body));
