// POST /api/session/end-all: "Sign out everywhere" for the signed-in person.
import { apiRoute } from "@/lib/api/server/handler";
import { sessionApi } from "@/lib/auth/contract";
import { endEverywhere } from "@/lib/auth/server/end-sessions";

export const POST = apiRoute(sessionApi.endAll, async (ctx) => {
  await endEverywhere(ctx, ctx.actor.id);
  return { ended: true as const };
});
