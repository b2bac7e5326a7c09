/** The audit API (admins only): a page of the trail, and its CSV export. Client-safe. */
import { endpoint, file, route, withSchemas } from "../api/endpoint";
import { auditPageSchema } from "./replies";
import { auditFiltersSchema, type AuditPage } from "./schemas";

export const auditApi = {
  list: withSchemas(
    route<AuditPage, undefined, typeof auditFiltersSchema>({
      method: "GET",
      path: "/api/audit",
      summary: "A page of the audit trail, newest first, filtered",
      permission: "audit:read",
      reply: { kind: "json" },
    }),
    { query: auditFiltersSchema, reply: auditPageSchema },
  ),
  /** The same filters; `cursor` and `limit` are ignored. */
  export: endpoint({
    method: "GET",
    path: "/api/audit/export",
    summary: "The audit trail as CSV, with the same filters",
    permission: "audit:read",
    query: auditFiltersSchema,
    reply: file("text/csv"),
  }),
};
