// POST /api/conferences/:id/invites/dial: dial the confirmed invitees still missing, as one dial list.
import { apiRoute } from "@/lib/api/server/handler";
import { invitesApi } from "@/lib/invites/contract";
import { dialMissing } from "@/lib/invites/server/dial";

export const POST = apiRoute(invitesApi.dial, (ctx) => dialMissing(ctx, ctx.params.conferenceId, ctx.body));
