// GET /api/conferences?q=&show=: the conferences Gavel has seen (Sinch cannot list them), searched and filtered.
// POST /api/conferences: open a conference by id, adding it to that list.
import { apiRoute } from "@/lib/api/server/handler";
import { conferencesApi } from "@/lib/conferences/contract";
import { openConference, listConferenceSummaries } from "@/lib/conferences/server/registry";

export const GET = apiRoute(conferencesApi.list, ({ actor, query }) => listConferenceSummaries(actor, query));

export const POST = apiRoute(conferencesApi.open, async ({ body }) => ({
  conference: await openConference(body.conferenceId),
}));
