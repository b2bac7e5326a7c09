// POST /api/directory/name-number: "Name this number" from a conference row (moderators too).
import { apiRoute } from "@/lib/api/server/handler";
import { directoryApi } from "@/lib/directory/contract";
import { nameNumber } from "@/lib/directory/server/name-number";

export const POST = apiRoute(directoryApi.nameNumber, (ctx) => nameNumber(ctx, ctx.body));
