// DELETE /api/tokens/:tokenId: revoke one of my API tokens.
import { apiRoute } from "@/lib/api/server/handler";
import { tokensApi } from "@/lib/tokens/contract";
import { revokeToken } from "@/lib/tokens/server/service";

export const DELETE = apiRoute(tokensApi.ownRevoke, async (ctx) => revokeToken(ctx, ctx.actor.id, ctx.params.tokenId));
