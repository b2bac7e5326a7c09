// POST /api/directory/import: imports a CSV's good lines (checked again) in one transaction.
import { apiRoute } from "@/lib/api/server/handler";
import { directoryApi } from "@/lib/directory/contract";
import { commitImport } from "@/lib/directory/server/service";

export const POST = apiRoute(directoryApi.import, (ctx) => commitImport(ctx, ctx.body.text));
