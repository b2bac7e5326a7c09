// GET /api/conferences/:id/callouts: callouts into this conference still ringing or recently ended (the
// console's ghost rows); readable by everyone who may see the conference.
import { apiRoute } from "@/lib/api/server/handler";
import { conferenceCalloutViews } from "@/lib/callouts/server/follow";
import { conferenceParamsSchema } from "@/lib/conferences/schemas";

export const GET = apiRoute({ permission: "conference:view", params: conferenceParamsSchema }, async ({ params }) => ({
  callouts: await conferenceCalloutViews(params.conferenceId),
}));
