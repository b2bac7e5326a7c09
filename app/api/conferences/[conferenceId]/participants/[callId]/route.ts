// PATCH /api/conferences/:id/participants/:callId: mute, unmute, hold (with music) or resume.
// DELETE /api/conferences/:id/participants/:callId: kick, with an optional reason.
import { apiRoute } from "@/lib/api/server/handler";
import { conferencesApi } from "@/lib/conferences/contract";
import { kickParticipant, manageParticipant } from "@/lib/conferences/server/commands";

export const PATCH = apiRoute(conferencesApi.manage, async (ctx) => {
  await manageParticipant(ctx, ctx.params.conferenceId, ctx.params.callId, ctx.body);
  return { ok: true } as const;
});

export const DELETE = apiRoute(conferencesApi.kick, async (ctx) => {
  await kickParticipant(ctx, ctx.params.conferenceId, ctx.params.callId, ctx.body?.reason);
  return { ok: true } as const;
});
