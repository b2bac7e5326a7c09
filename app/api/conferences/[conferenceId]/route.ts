// GET /api/conferences/:id: Gavel's record of a conference (name, pin, last seen).
// PATCH /api/conferences/:id: rename or pin it.
// DELETE /api/conferences/:id: end the meeting (kick all), admins only.
import { apiRoute } from "@/lib/api/server/handler";
import { kickAll } from "@/lib/conferences/server/commands";
import { getConferenceSummary, updateConference } from "@/lib/conferences/server/registry";
import { conferenceParamsSchema, updateConferenceBodySchema } from "@/lib/conferences/schemas";

export const GET = apiRoute({ permission: "conference:view", params: conferenceParamsSchema }, async ({ params }) => ({
  conference: await getConferenceSummary(params.conferenceId),
}));

export const PATCH = apiRoute(
  { permission: "conference:organize", params: conferenceParamsSchema, body: updateConferenceBodySchema },
  async (ctx) => ({ conference: await updateConference(ctx, ctx.params.conferenceId, ctx.body) }),
);

export const DELETE = apiRoute({ permission: "conference:end", params: conferenceParamsSchema }, async (ctx) =>
  kickAll(ctx, ctx.params.conferenceId),
);
