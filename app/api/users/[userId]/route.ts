// PATCH /api/users/:id: change the role, the name, or disable / enable the account.
import { apiRoute } from "@/lib/api/server/handler";
import { updateUser } from "@/lib/users/server/service";
import { updateUserSchema, userParamsSchema } from "@/lib/users/schemas";

export const PATCH = apiRoute(
  { permission: "users:manage", params: userParamsSchema, body: updateUserSchema },
  async (ctx) => ({ user: await updateUser(ctx, ctx.params.userId, ctx.body) }),
);
