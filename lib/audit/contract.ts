/** The audit API (admins only): a page of the trail, and its CSV export. Client-safe. */
import { endpoint, file, json } from "../api/endpoint";
import { auditFiltersSchema, type AuditPage } from "./schemas";

export const auditApi = {
  list: endpoint({
    method: "GET",
    path: "/api/audit",
    permission: "audit:read",
    query: auditFiltersSchema,
    reply: json<AuditPage>(),
  }),
  /** The same filters; `cursor` and `limit` are ignored. */
  export: endpoint({
    method: "GET",
    path: "/api/audit/export",
    permission: "audit:read",
    query: auditFiltersSchema,
    reply: file("text/csv"),
  }),
};
