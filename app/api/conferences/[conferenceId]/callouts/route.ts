// GET /api/conferences/:id/callouts: callouts into this conference still ringing or recently ended (the
// console's ghost rows); readable by everyone who may see the conference.
import { apiRoute } from "@/lib/api/handler";
import { conferenceCalloutViews } from "@/lib/callouts/service";
import { conferenceParamsSchema } from "@/lib/conferences/schemas";

export const GET = apiRoute({ permission: "conference:view", params: conferenceParamsSchema }, async ({ params }) => ({
  callouts: await conferenceCalloutViews(params.conferenceId),
}));
