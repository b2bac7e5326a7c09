// POST /api/callouts/:calloutId/retry: place a finished callout's request again, as a new callout.
import { apiRoute } from "@/lib/api/server/handler";
import { calloutParamsSchema } from "@/lib/callouts/contract";
import { retryBodySchema } from "@/lib/callouts/forms";
import { idempotencyKeyFrom } from "@/lib/callouts/server/inputs";
import { retryCallout } from "@/lib/callouts/server/place";

export const POST = apiRoute(
  { permission: "callout:place", params: calloutParamsSchema, body: retryBodySchema },
  async (ctx) => retryCallout(ctx, ctx.params.calloutId, idempotencyKeyFrom(ctx.req.headers, ctx.body?.idempotencyKey)),
);
