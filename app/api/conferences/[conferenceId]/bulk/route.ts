// POST /api/conferences/:id/bulk: mute, unmute, hold, resume or kick many participants;
// answers per participant.
import { apiRoute } from "@/lib/api/server/handler";
import { conferencesApi } from "@/lib/conferences/contract";
import { bulkAction } from "@/lib/conferences/server/commands";

export const POST = apiRoute(conferencesApi.bulk, async (ctx) => bulkAction(ctx, ctx.params.conferenceId, ctx.body));
