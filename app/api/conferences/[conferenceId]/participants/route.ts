// GET /api/conferences/:id/participants: who is connected now (coalesced polling of Sinch).
import { apiRoute } from "@/lib/api/server/handler";
import { conferencesApi } from "@/lib/conferences/contract";
import { getLiveWithLabels } from "@/lib/conferences/server/registry";

export const GET = apiRoute(conferencesApi.live, async ({ params }) => getLiveWithLabels(params.conferenceId));
