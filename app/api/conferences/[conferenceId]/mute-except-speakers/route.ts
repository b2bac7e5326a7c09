// POST /api/conferences/:id/mute-except-speakers: bulk mute of everyone but the room's speakers.
import { apiRoute } from "@/lib/api/server/handler";
import { policiesApi } from "@/lib/policies/contract";
import { muteExceptSpeakers } from "@/lib/policies/server/service";

export const POST = apiRoute(policiesApi.muteExceptSpeakers, (ctx) => muteExceptSpeakers(ctx, ctx.params.conferenceId));
