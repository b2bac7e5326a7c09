// DELETE /api/users/:userId/tokens/:tokenId: revoke a user's API token (admin).
import { apiRoute } from "@/lib/api/server/handler";
import { tokensApi } from "@/lib/tokens/contract";
import { revokeToken } from "@/lib/tokens/server/service";

export const DELETE = apiRoute(tokensApi.userRevoke, async (ctx) =>
  revokeToken(ctx, ctx.params.userId, ctx.params.tokenId),
);
