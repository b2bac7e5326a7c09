// POST /api/callouts/batch: dial a list of numbers into one conference; answers per line.
import { apiRoute, withServerBody } from "@/lib/api/server/handler";
import { calloutsApi } from "@/lib/callouts/contract";
import { batchBodySchema } from "@/lib/callouts/server/inputs";
import { placeBatch } from "@/lib/callouts/server/place";

export const POST = apiRoute(withServerBody(calloutsApi.batch, batchBodySchema), async (ctx) =>
  placeBatch(ctx, ctx.body),
);
