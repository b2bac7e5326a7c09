// POST /api/users/:id/password: set a new password, or "generate" one (shown once).
import { apiRoute } from "@/lib/api/server/handler";
import { usersApi } from "@/lib/users/contract";
import { resetUserPassword } from "@/lib/users/server/service";

export const POST = apiRoute(usersApi.resetPassword, async (ctx) =>
  resetUserPassword(ctx, ctx.params.userId, ctx.body.password),
);
