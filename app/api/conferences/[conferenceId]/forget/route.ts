// POST /api/conferences/:id/forget: take a conference off Gavel's list, admins only (conference:forget);
// its audit trail and attendance stay, and it comes back when it is opened or seen again.
import { apiRoute } from "@/lib/api/server/handler";
import { conferencesApi } from "@/lib/conferences/contract";
import { forgetConference } from "@/lib/conferences/server/registry";

export const POST = apiRoute(conferencesApi.forget, async (ctx) => ({
  forgotten: await forgetConference(ctx, ctx.params.conferenceId),
}));
