// GET /api/audit: one page of the audit trail, newest first, filtered (admins only).
import { apiRoute } from "@/lib/api/server/handler";
import { auditFiltersSchema } from "@/lib/audit/schemas";
import { listAudit } from "@/lib/audit/server/service";

export const GET = apiRoute({ permission: "audit:read", query: auditFiltersSchema }, ({ query }) => listAudit(query));
