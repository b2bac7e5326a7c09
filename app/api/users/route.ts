// GET /api/users: every user. POST /api/users: add one (initial password, generated, or SSO-only).
import { apiRoute } from "@/lib/api/server/handler";
import { usersApi } from "@/lib/users/contract";
import { addUser, listAllUsers } from "@/lib/users/server/service";

export const GET = apiRoute(usersApi.list, async () => ({ users: await listAllUsers() }));

export const POST = apiRoute(usersApi.create, async (ctx) => addUser(ctx, ctx.body));
