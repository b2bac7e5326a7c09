// GET /api/audit: one page of the audit trail, newest first, filtered (admins only).
import { apiRoute } from "@/lib/api/server/handler";
import { auditApi } from "@/lib/audit/contract";
import { listAudit } from "@/lib/audit/server/service";

export const GET = apiRoute(auditApi.list, ({ query }) => listAudit(query));
