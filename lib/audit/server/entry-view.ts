/**
 * An audit row as the page and the timeline show it. The database hands back rows
 * (lib/db/audit.ts); what they look like to a reader is the audit feature's call.
 */
import "server-only";
import type { Selectable } from "kysely";
import type { AuditLogTable } from "../../db/schema";
import type { AuditHistoryFields } from "../../vocabulary/audit";
import type { AuditEntryView } from "../schemas";

/** `history`: the entry's changes of outcome (lib/db/audit-history.ts historyOf), oldest first. */
export function toEntryView(r: Selectable<AuditLogTable>, history: readonly AuditHistoryFields[] = []): AuditEntryView {
  const params = entryParams(r.params);
  return {
    id: r.id,
    at: new Date(Number(r.at)).toISOString(),
    actorId: r.actor_id,
    actorEmail: r.actor_email,
    actorRole: r.actor_role,
    action: r.action,
    conferenceId: r.conference_id,
    targetCallId: r.target_call_id,
    targetNumber: r.target_number,
    params,
    outcome: r.outcome,
    httpStatus: r.http_status,
    sinchErrorCode: r.sinch_error_code,
    sinchReference: r.sinch_reference,
    errorMessage: r.error_message,
    latencyMs: r.latency_ms,
    requestId: r.request_id,
    clientAddress: r.client_address,
    actorToken: r.actor_token_id ? { id: r.actor_token_id, name: r.actor_token_name ?? "" } : null,
    history: history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
  };
}

/** An entry's stored params: JSON as written, or, if a row holds something else, that text kept as `raw`. */
export function entryParams(stored: string | null): Record<string, unknown> | null {
  if (!stored) return null;
  try {
    return JSON.parse(stored) as Record<string, unknown>;
  } catch {
    return { raw: stored };
  }
}
