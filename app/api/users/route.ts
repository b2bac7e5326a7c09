// GET /api/users: every user. POST /api/users: add one (initial password, generated, or SSO-only).
import { apiRoute } from "@/lib/api/server/handler";
import { addUser, listAllUsers } from "@/lib/users/server/service";
import { createUserSchema } from "@/lib/users/schemas";

export const GET = apiRoute({ permission: "users:manage" }, async () => ({ users: await listAllUsers() }));

export const POST = apiRoute({ permission: "users:manage", body: createUserSchema }, async (ctx) =>
  addUser(ctx, ctx.body),
);
