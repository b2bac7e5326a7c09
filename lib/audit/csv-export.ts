/**
 * The audit trail as CSV, streamed a keyset page at a time, so exporting a million
 * rows holds one page in memory, not the file. Not server-only (it takes the
 * database as an argument) so the benchmark can run it under plain Node.
 */
import type { Selectable } from "kysely";
import type { GavelDb } from "../db";
import { iterateAudit } from "../db/audit";
import { historyOf } from "../db/audit-history";
import { contactsByNumber } from "../db/contacts";
import type { AuditLogTable } from "../db/schema";
import { log } from "../log/logger";
import { CSV_BOM, csvRow, csvTime, type CsvValue } from "./csv";
import type { AuditSelection } from "./schemas";
import { describeHistory } from "./types";
import type { AuditHistoryFields } from "../vocabulary/audit";

export const AUDIT_CSV_HEADER = [
  "Time (UTC)",
  "Actor email",
  "Actor role",
  "Actor id",
  "Action",
  "Conference",
  "Target call id",
  "Target number",
  "Parameters",
  "Outcome",
  "HTTP status",
  "Sinch error code",
  "Sinch reference",
  "Error message",
  "Upstream latency (ms)",
  "Request id",
  "Client address",
  "Entry id",
  // Appended in issue 10, so existing readers of the columns above keep working.
  // "Outcome" is what is believed now; these say what was believed first and how
  // and when the outcome last changed (empty when it never did).
  "First outcome",
  "Outcome decided by",
  "Outcome decided at (UTC)",
  "Outcome history",
  // Appended in issue 13. The entries are evidence and are not rewritten: this is who
  // the directory says the target number is at the time of the export, not then.
  "Target name (directory at export)",
  // Appended in issue 14: the API token the actor acted through, as "<id> <name>".
  "API token",
] as const;

function csvValues(
  r: Selectable<AuditLogTable>,
  history: readonly AuditHistoryFields[] = [],
  targetName: string | null = null,
): CsvValue[] {
  const last = history.at(-1);
  return [
    csvTime(Number(r.at), true),
    r.actor_email,
    r.actor_role,
    r.actor_id,
    r.action,
    r.conference_id,
    r.target_call_id,
    r.target_number,
    r.params,
    r.outcome,
    r.http_status,
    r.sinch_error_code,
    r.sinch_reference,
    r.error_message,
    r.latency_ms,
    r.request_id,
    r.client_address,
    r.id,
    history[0]?.from ?? r.outcome,
    last?.by ?? null,
    last ? csvTime(last.at, true) : null,
    history.map((h) => describeHistory(h, `${csvTime(h.at, true)} UTC`)).join("; ") || null,
    targetName,
    r.actor_token_id ? `${r.actor_token_id} ${r.actor_token_name ?? ""}`.trim() : null,
  ];
}

/**
 * The filtered trail as CSV, newest first: BOM and header, then one chunk per
 * keyset page. Pull-based, so a slow download slows the reads instead of filling
 * memory; cancelling the download stops them.
 */
export function auditCsvStream(
  database: GavelDb,
  selection: AuditSelection,
  pageSize = 1000,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = iterateAudit(database, selection, pageSize);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvRow(AUDIT_CSV_HEADER)));
        return;
      }
      try {
        const next = await pages.next();
        if (next.done) {
          controller.close();
          return;
        }
        const [history, names] = await Promise.all([
          historyOf(
            database,
            next.value.map((r) => r.id),
          ),
          contactsByNumber(
            database,
            next.value.flatMap((r) => (r.target_number ? [r.target_number] : [])),
          ),
        ]);
        const row = (r: Selectable<AuditLogTable>) =>
          csvRow(csvValues(r, history.get(r.id), (r.target_number && names.get(r.target_number)?.name) || null));
        controller.enqueue(encoder.encode(next.value.map(row).join("")));
      } catch (e) {
        // Headers are gone by now; the download ends short and the log says why.
        log("error", "audit_export_failed", { error: String(e) });
        controller.error(e);
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
