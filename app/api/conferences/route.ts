// GET /api/conferences: the conferences Gavel has seen (Sinch cannot list them).
// POST /api/conferences: open a conference by id, adding it to that list.
import { apiRoute } from "@/lib/api/server/handler";
import { conferencesApi } from "@/lib/conferences/contract";
import { openConference, listConferenceSummaries } from "@/lib/conferences/server/registry";

export const GET = apiRoute(conferencesApi.list, async () => ({ conferences: await listConferenceSummaries() }));

export const POST = apiRoute(conferencesApi.open, async ({ body }) => ({
  conference: await openConference(body.conferenceId),
}));
