// GET /api/conferences/:id/callouts: callouts into this conference still ringing or recently ended (the
// console's ghost rows); readable by everyone who may see the conference.
import { apiRoute } from "@/lib/api/server/handler";
import { calloutsApi } from "@/lib/callouts/contract";
import { conferenceCalloutViews } from "@/lib/callouts/server/follow";

export const GET = apiRoute(calloutsApi.conference, async ({ params }) => ({
  callouts: await conferenceCalloutViews(params.conferenceId),
}));
