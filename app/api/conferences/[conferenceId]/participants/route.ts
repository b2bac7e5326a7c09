// GET /api/conferences/:id/participants: who is connected now (coalesced polling of Sinch).
import { apiRoute } from "@/lib/api/server/handler";
import { getLiveWithLabels } from "@/lib/conferences/server/registry";
import { conferenceParamsSchema } from "@/lib/conferences/schemas";

export const GET = apiRoute({ permission: "conference:view", params: conferenceParamsSchema }, async ({ params }) =>
  getLiveWithLabels(params.conferenceId),
);
