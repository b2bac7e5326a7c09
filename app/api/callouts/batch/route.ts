// POST /api/callouts/batch: dial a list of numbers into one conference; answers per line.
import { apiRoute } from "@/lib/api/server/handler";
import { batchBodySchema } from "@/lib/callouts/server/inputs";
import { placeBatch } from "@/lib/callouts/server/place";

export const POST = apiRoute({ permission: "callout:place", body: batchBodySchema }, async (ctx) =>
  placeBatch(ctx, ctx.body),
);
