// GET /api/callouts?state=&conferenceId=&batchId=&limit=: recent callouts, newest first, the unfinished ones
// refreshed from Sinch's call info.
// POST /api/callouts: place a conference, text-to-speech or custom callout (Idempotency-Key header or
// body idempotencyKey: a repeat within 10 minutes returns the first callout).
import { apiRoute, withServerBody } from "@/lib/api/server/handler";
import { calloutsApi } from "@/lib/callouts/contract";
import { listCalloutViews } from "@/lib/callouts/server/follow";
import { calloutBodySchema, idempotencyKeyFrom } from "@/lib/callouts/server/inputs";
import { placeCallout } from "@/lib/callouts/server/place";

export const GET = apiRoute(calloutsApi.list, async ({ query }) => ({ callouts: await listCalloutViews(query) }));

export const POST = apiRoute(withServerBody(calloutsApi.place, calloutBodySchema), async (ctx) =>
  placeCallout(ctx, ctx.body, { idempotencyKey: idempotencyKeyFrom(ctx.req.headers, ctx.body.idempotencyKey) }),
);
