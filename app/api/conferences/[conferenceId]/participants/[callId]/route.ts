// PATCH /api/conferences/:id/participants/:callId: mute, unmute, hold (with music) or resume.
// DELETE /api/conferences/:id/participants/:callId: kick, with an optional reason.
import { apiRoute } from "@/lib/api/server/handler";
import { kickParticipant, manageParticipant } from "@/lib/conferences/server/commands";
import { kickBodySchema, manageParticipantBodySchema, participantParamsSchema } from "@/lib/conferences/schemas";

export const PATCH = apiRoute(
  { permission: "participant:control", params: participantParamsSchema, body: manageParticipantBodySchema },
  async (ctx) => {
    await manageParticipant(ctx, ctx.params.conferenceId, ctx.params.callId, ctx.body);
    return { ok: true };
  },
);

export const DELETE = apiRoute(
  { permission: "participant:control", params: participantParamsSchema, body: kickBodySchema },
  async (ctx) => {
    await kickParticipant(ctx, ctx.params.conferenceId, ctx.params.callId, ctx.body?.reason);
    return { ok: true };
  },
);
