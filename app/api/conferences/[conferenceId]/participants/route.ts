// GET /api/conferences/:id/participants: who is connected now (coalesced polling of Sinch).
import { apiRoute } from "@/lib/api/server/handler";
import { conferencesApi } from "@/lib/conferences/contract";
import { getLive } from "@/lib/conferences/server/live";

export const GET = apiRoute(conferencesApi.live, async ({ params }) => getLive(params.conferenceId));
