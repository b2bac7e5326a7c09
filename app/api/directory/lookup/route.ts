// GET /api/directory/lookup?number=: who holds a number (null when nobody does).
import { apiRoute } from "@/lib/api/server/handler";
import { directoryApi } from "@/lib/directory/contract";
import { lookupNumber } from "@/lib/directory/server/name-number";

export const GET = apiRoute(directoryApi.lookup, (ctx) => lookupNumber(ctx.query.number));
