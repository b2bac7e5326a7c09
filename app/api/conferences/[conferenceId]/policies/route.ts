// GET /api/conferences/:id/policies: the room's policies, speakers and Waiting list.
// PATCH: turn mute on entry or the lobby (with its music) on or off.
import { apiRoute } from "@/lib/api/server/handler";
import { policiesApi } from "@/lib/policies/contract";
import { policiesView, updatePolicies } from "@/lib/policies/server/service";

export const GET = apiRoute(policiesApi.get, (ctx) => policiesView(ctx.params.conferenceId));

export const PATCH = apiRoute(policiesApi.update, (ctx) => updatePolicies(ctx, ctx.params.conferenceId, ctx.body));
