// GET /api/conferences/:id/invites: the invite list. POST: add pasted or picked numbers. DELETE ?number=: remove one.
import { apiRoute } from "@/lib/api/server/handler";
import { invitesApi } from "@/lib/invites/contract";
import { addConferenceInvites, listConferenceInvites, removeConferenceInvite } from "@/lib/invites/server/service";

export const GET = apiRoute(invitesApi.list, (ctx) => listConferenceInvites(ctx.params.conferenceId));

export const POST = apiRoute(invitesApi.add, (ctx) => addConferenceInvites(ctx, ctx.params.conferenceId, ctx.body));

export const DELETE = apiRoute(invitesApi.remove, (ctx) =>
  removeConferenceInvite(ctx, ctx.params.conferenceId, ctx.query.number),
);
