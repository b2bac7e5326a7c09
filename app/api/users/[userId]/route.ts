// PATCH /api/users/:id: change the role, the name, or disable / enable the account.
import { apiRoute } from "@/lib/api/server/handler";
import { usersApi } from "@/lib/users/contract";
import { updateUser } from "@/lib/users/server/service";

export const PATCH = apiRoute(usersApi.update, async (ctx) => ({
  user: await updateUser(ctx, ctx.params.userId, ctx.body),
}));
