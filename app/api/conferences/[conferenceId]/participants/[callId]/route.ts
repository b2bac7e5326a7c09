// PATCH /api/conferences/:id/participants/:callId: mute, unmute, hold (with music) or resume.
// DELETE /api/conferences/:id/participants/:callId: kick, with an optional reason.
import { apiRoute } from "@/lib/api/server/handler";
import { conferencesApi } from "@/lib/conferences/contract";
import { kickParticipant, manageParticipant } from "@/lib/conferences/server/commands";

// Both answer 200 when Sinch confirmed, 202 {outcome: "unknown"} when it did not answer readably.
export const PATCH = apiRoute(conferencesApi.manage, (ctx) =>
  manageParticipant(ctx, ctx.params.conferenceId, ctx.params.callId, ctx.body),
);

export const DELETE = apiRoute(conferencesApi.kick, (ctx) =>
  kickParticipant(ctx, ctx.params.conferenceId, ctx.params.callId, ctx.body?.reason),
);
