// POST /api/callouts/:calloutId/retry: place a finished callout's request again, as a new callout;
// one whose placement is unknown only with {confirmUnknown: true} (else 409: the phone may ring twice).
import { apiRoute } from "@/lib/api/server/handler";
import { calloutsApi } from "@/lib/callouts/contract";
import { idempotencyKeyFrom } from "@/lib/callouts/server/inputs";
import { retryCallout } from "@/lib/callouts/server/place";

export const POST = apiRoute(calloutsApi.retry, async (ctx) =>
  retryCallout(
    ctx,
    ctx.params.calloutId,
    idempotencyKeyFrom(ctx.req.headers, ctx.body?.idempotencyKey),
    ctx.body?.confirmUnknown === true,
  ),
);
