// POST /api/callouts/:calloutId/retry: place a finished callout's request again, as a new callout.
import { apiRoute } from "@/lib/api/server/handler";
import { calloutParamsSchema, retryBodySchema } from "@/lib/callouts/schemas";
import { idempotencyKeyFrom, retryCallout } from "@/lib/callouts/server/service";

export const POST = apiRoute(
  { permission: "callout:place", params: calloutParamsSchema, body: retryBodySchema },
  async (ctx) => retryCallout(ctx, ctx.params.calloutId, idempotencyKeyFrom(ctx.req.headers, ctx.body?.idempotencyKey)),
);
