// GET /api/directory/export: the directory as CSV (name, numbers, organisation, notes).
import { apiRoute } from "@/lib/api/server/handler";
import { directoryApi } from "@/lib/directory/contract";
import { exportDirectoryCsv } from "@/lib/directory/server/export";

export const GET = apiRoute(directoryApi.export, (ctx) => exportDirectoryCsv(ctx, ctx.req.method === "HEAD"));
