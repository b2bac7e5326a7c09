// POST /api/users/:id/password: set a new password, or "generate" one (shown once).
import { apiRoute } from "@/lib/api/server/handler";
import { resetUserPassword } from "@/lib/users/server/service";
import { resetPasswordSchema, userParamsSchema } from "@/lib/users/schemas";

export const POST = apiRoute(
  { permission: "users:manage", params: userParamsSchema, body: resetPasswordSchema },
  async (ctx) => resetUserPassword(ctx, ctx.params.userId, ctx.body.password),
);
