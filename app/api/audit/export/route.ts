// GET /api/audit/export: the filtered audit trail as a streamed CSV download (admins only); HEAD exports nothing.
import { apiRoute } from "@/lib/api/server/handler";
import { auditApi } from "@/lib/audit/contract";
import { exportAuditCsv } from "@/lib/audit/server/service";

export const GET = apiRoute(auditApi.export, (ctx) => {
  const { cursor: _cursor, limit: _limit, ...selection } = ctx.query;
  return exportAuditCsv(ctx, selection, ctx.req.method === "HEAD");
});
