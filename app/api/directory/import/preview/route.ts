// POST /api/directory/import/preview: what a CSV would import, line by line, and why not. Changes nothing.
import { apiRoute } from "@/lib/api/server/handler";
import { directoryApi } from "@/lib/directory/contract";
import { previewImport } from "@/lib/directory/server/service";

export const POST = apiRoute(directoryApi.previewImport, (ctx) => previewImport(ctx.body.text));
