// POST /api/users/:id/end-sessions: an admin signs a user out everywhere.
import { apiRoute } from "@/lib/api/server/handler";
import { usersApi } from "@/lib/users/contract";
import { endUserSessions } from "@/lib/users/server/service";

export const POST = apiRoute(usersApi.endSessions, async (ctx) => endUserSessions(ctx, ctx.params.userId));
