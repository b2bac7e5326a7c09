// GET /api/conferences/:id/participants: who is connected now (coalesced polling of Sinch),
// with the commands Sinch has not confirmed yet and those just decided.
import { apiRoute } from "@/lib/api/server/handler";
import { conferencesApi } from "@/lib/conferences/contract";
import { getLive } from "@/lib/conferences/server/live";
import { reconcileState } from "@/lib/conferences/server/reconcile";

// The list is the cache's, shared by every viewer; what reconciliation knows of this room is added per request.
export const GET = apiRoute(conferencesApi.live, async ({ params }) => ({
  ...(await getLive(params.conferenceId)),
  ...reconcileState(params.conferenceId),
}));
