// GET /api/conferences/:id: Gavel's record of a conference (name, pin, last seen).
// PATCH /api/conferences/:id: rename or pin it.
// DELETE /api/conferences/:id: end the meeting (kick all), admins only; 202 {outcome: "unknown"}
// when Sinch did not answer readably (decided later by the room being empty).
import { apiRoute } from "@/lib/api/server/handler";
import { conferencesApi } from "@/lib/conferences/contract";
import { kickAll } from "@/lib/conferences/server/commands";
import { getConferenceSummary, updateConference } from "@/lib/conferences/server/registry";

export const GET = apiRoute(conferencesApi.get, async ({ params }) => ({
  conference: await getConferenceSummary(params.conferenceId),
}));

export const PATCH = apiRoute(conferencesApi.update, async (ctx) => ({
  conference: await updateConference(ctx, ctx.params.conferenceId, ctx.body),
}));

export const DELETE = apiRoute(conferencesApi.end, async (ctx) => kickAll(ctx, ctx.params.conferenceId));
