// POST /api/conferences/:id/waiting/:callId: admit a joiner waiting in the lobby (resume,
// then mute on entry unless a speaker).
import { apiRoute } from "@/lib/api/server/handler";
import { policiesApi } from "@/lib/policies/contract";
import { admit } from "@/lib/policies/server/service";

export const POST = apiRoute(policiesApi.admit, (ctx) => admit(ctx, ctx.params.conferenceId, ctx.params.callId));
