// GET /api/conferences/:id/participants: who is connected now (coalesced polling of Sinch).
import { apiRoute } from "@/lib/api/server/handler";
import { getLive } from "@/lib/conferences/server/live";
import { conferenceParamsSchema } from "@/lib/conferences/schemas";

export const GET = apiRoute({ permission: "conference:view", params: conferenceParamsSchema }, async ({ params }) =>
  getLive(params.conferenceId),
);
