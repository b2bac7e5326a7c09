/**
 * The audit routes' server side: a page of the trail for the audit page, and the
 * CSV export of a filtered set (streamed: ./csv-export.ts).
 */
import "server-only";
import { ApiError } from "../../api/errors";
import { db } from "../../db";
import { InvalidCursorError, queryAudit } from "../../db/audit";
import { historyOf } from "../../db/audit-history";
import { contactsByNumber } from "../../db/contacts";
import { toEntryView } from "./entry-view";
import { auditCsvStream } from "../csv-export";
import { recordAudit, SUCCEEDED_LOCALLY, type AuditContext } from "./record";
import type { AuditFilters, AuditPage, AuditSelection } from "../schemas";

export async function listAudit(filters: AuditFilters): Promise<AuditPage> {
  try {
    const database = await db();
    const page = await queryAudit(database, filters);
    const [history, names] = await Promise.all([
      historyOf(
        database,
        page.rows.map((r) => r.id),
      ),
      contactsByNumber(
        database,
        page.rows.flatMap((r) => (r.target_number ? [r.target_number] : [])),
      ),
    ]);
    return {
      entries: page.rows.map((r) => ({
        ...toEntryView(r, history.get(r.id)),
        targetName: (r.target_number && names.get(r.target_number)?.name) || null,
      })),
      nextCursor: page.nextCursor,
      prevCursor: page.prevCursor,
    };
  } catch (e) {
    if (e instanceof InvalidCursorError) throw new ApiError("validation_failed", `cursor: ${e.message}`);
    throw e;
  }
}

export function csvFilename(prefix: string, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return `${prefix}-${stamp}.csv`;
}

/** A CSV download's headers, and nothing else for a HEAD (which exports nothing). */
export function csvResponse(body: BodyInit | null, filename: string): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}

/**
 * The export route: records who exported what, then streams the file. A HEAD (Next
 * answers it with the GET handler) exports nothing, so it is neither read nor audited.
 */
export async function exportAuditCsv(ctx: AuditContext, selection: AuditSelection, head = false): Promise<Response> {
  if (head) return csvResponse(null, csvFilename("gavel-audit"));
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(selection)) {
    if (v !== undefined) params[k] = k === "from" || k === "to" ? new Date(v as number).toISOString() : v;
  }
  await recordAudit(ctx, { action: "audit.export", params }, SUCCEEDED_LOCALLY);
  return csvResponse(auditCsvStream(await db(), selection), csvFilename("gavel-audit"));
}
