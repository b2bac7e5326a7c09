// GET /api/conferences: the conferences Gavel has seen (Sinch cannot list them).
// POST /api/conferences: open a conference by id, adding it to that list.
import { apiRoute } from "@/lib/api/server/handler";
import { openConference, listConferenceSummaries } from "@/lib/conferences/server/registry";
import { openConferenceBodySchema } from "@/lib/conferences/schemas";

export const GET = apiRoute({ permission: "conference:view" }, async () => ({
  conferences: await listConferenceSummaries(),
}));

export const POST = apiRoute({ permission: "conference:view", body: openConferenceBodySchema }, async ({ body }) => ({
  conference: await openConference(body.conferenceId),
}));
