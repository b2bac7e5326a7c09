// GET /api/tokens: my API tokens. POST: make one for myself (shown once).
import { apiRoute } from "@/lib/api/server/handler";
import { tokensApi } from "@/lib/tokens/contract";
import { listTokens, makeToken } from "@/lib/tokens/server/service";

export const GET = apiRoute(tokensApi.ownList, async (ctx) => listTokens(ctx.actor.id));
export const POST = apiRoute(tokensApi.ownCreate, async (ctx) => makeToken(ctx, ctx.actor.id, ctx.body));
