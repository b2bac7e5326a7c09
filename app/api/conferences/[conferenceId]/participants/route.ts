// GET /api/conferences/:id/participants: who is connected now (coalesced polling of Sinch),
// with the commands Sinch has not confirmed yet and those just decided.
import { apiRoute } from "@/lib/api/server/handler";
import { conferencesApi } from "@/lib/conferences/contract";
import { liveReply } from "@/lib/conferences/server/live-poll";

// The list is the cache's, serialised once per snapshot and shared by every viewer (with
// this room's reconciliation); 304 when the browser already has it. The front server
// answers most polls itself from the same answer (lib/api/server/poll-fast-path.ts).
export const GET = apiRoute(conferencesApi.live, ({ params, req }) => liveReply(params.conferenceId, req.headers));
