// PATCH /api/conferences/:id/policies/speakers: replace the room's speakers (contacts or numbers).
import { apiRoute } from "@/lib/api/server/handler";
import { policiesApi } from "@/lib/policies/contract";
import { updateSpeakers } from "@/lib/policies/server/service";

export const PATCH = apiRoute(policiesApi.speakers, (ctx) => updateSpeakers(ctx, ctx.params.conferenceId, ctx.body));
