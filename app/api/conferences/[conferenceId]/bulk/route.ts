// POST /api/conferences/:id/bulk: mute, unmute, hold, resume or kick many participants;
// answers per participant.
import { apiRoute } from "@/lib/api/server/handler";
import { bulkAction } from "@/lib/conferences/server/commands";
import { bulkBodySchema, conferenceParamsSchema } from "@/lib/conferences/schemas";

export const POST = apiRoute(
  { permission: "participant:control", params: conferenceParamsSchema, body: bulkBodySchema },
  async (ctx) => bulkAction(ctx, ctx.params.conferenceId, ctx.body),
);
