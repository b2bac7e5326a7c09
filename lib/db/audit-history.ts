/**
 * The audit trail's outcomes after the first write: completing a pending entry,
 * changing an unknown or interrupted one to its final outcome, and the history of
 * those changes (audit_history), so that what was first believed stays readable.
 *
 * Every change is a compare-and-set on the outcome the writer saw, so two writers
 * (a reconciler and a late answer, or two instances on one PostgreSQL) never both
 * record the same change, and the history never claims a "from" the row no longer had.
 */
import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { GavelDb } from "./index";
import type { AuditHistoryTable, AuditLogTable } from "./schema";
import {
  UNRESOLVED_AUDIT_OUTCOMES,
  type AuditDecider,
  type AuditEntryFields,
  type AuditHistoryFields,
  type AuditOutcome,
} from "../vocabulary/audit";

/** What completing an entry sets, beside the outcome. */
export type AuditCompletion = Pick<
  AuditEntryFields,
  "outcome" | "httpStatus" | "sinchErrorCode" | "sinchReference" | "errorMessage" | "latencyMs"
> & {
  /** Replaces the entry's params (a bulk summary adds its counts at the end). */
  params?: Record<string, unknown> | null;
};

async function appendHistory(db: GavelDb, auditId: string, h: AuditHistoryFields): Promise<void> {
  await db.kysely
    .insertInto("audit_history")
    .values({
      id: randomUUID(),
      audit_id: auditId,
      at: h.at,
      from_outcome: h.from,
      to_outcome: h.to,
      decided_by: h.by,
      note: h.note,
    })
    .execute();
}

async function currentOutcome(db: GavelDb, auditId: string): Promise<AuditOutcome | undefined> {
  const row = await db.kysely.selectFrom("audit_log").select("outcome").where("id", "=", auditId).executeTakeFirst();
  return row?.outcome;
}

/**
 * Completes a pending entry with the answer Sinch gave (or did not give). If a
 * restart meanwhile marked it interrupted (another instance starting while this one
 * was waiting for Sinch), the answer still wins, and the history says so. Returns
 * false when the entry was no longer pending or interrupted (already decided).
 */
export async function completeAuditEntry(
  db: GavelDb,
  auditId: string,
  completion: AuditCompletion,
  now: number,
): Promise<boolean> {
  const set = {
    outcome: completion.outcome,
    http_status: completion.httpStatus,
    sinch_error_code: completion.sinchErrorCode,
    sinch_reference: completion.sinchReference,
    error_message: completion.errorMessage,
    latency_ms: completion.latencyMs === null ? null : Math.round(completion.latencyMs),
    ...(completion.params !== undefined
      ? { params: completion.params === null ? null : JSON.stringify(completion.params) }
      : {}),
  };
  const pending = await db.kysely
    .updateTable("audit_log")
    .set(set)
    .where("id", "=", auditId)
    .where("outcome", "=", "pending")
    .executeTakeFirst();
  if (Number(pending.numUpdatedRows) === 1) return true;
  const interrupted = await db.kysely
    .updateTable("audit_log")
    .set(set)
    .where("id", "=", auditId)
    .where("outcome", "=", "interrupted")
    .executeTakeFirst();
  if (Number(interrupted.numUpdatedRows) !== 1) return false;
  await appendHistory(db, auditId, {
    at: now,
    from: "interrupted",
    to: completion.outcome,
    by: "sinch",
    note: "Sinch's answer arrived after a restart had marked the entry interrupted",
  });
  return true;
}

/**
 * Changes an entry's outcome and records the change. Only entries not decided yet
 * (pending, unknown, interrupted) change: a decided entry stays as it is and this
 * returns false, so resolving twice is harmless.
 */
export async function changeAuditOutcome(
  db: GavelDb,
  auditId: string,
  change: { to: AuditOutcome; by: AuditDecider; note: string; at: number },
): Promise<boolean> {
  // A few tries: another writer may change the outcome between the read and the update.
  for (let attempt = 0; attempt < 3; attempt++) {
    const from = await currentOutcome(db, auditId);
    if (from === undefined || from === "succeeded" || from === "failed" || from === change.to) return false;
    const result = await db.kysely
      .updateTable("audit_log")
      .set({ outcome: change.to })
      .where("id", "=", auditId)
      .where("outcome", "=", from)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) {
      await appendHistory(db, auditId, { at: change.at, from, to: change.to, by: change.by, note: change.note });
      return true;
    }
  }
  return false;
}

/**
 * Every entry still pending (at start-up: left so by a crash), oldest first; with
 * `before`, only those written before it (several instances: a younger one may still
 * be in flight on another instance).
 */
export async function listPendingAuditIds(db: GavelDb, before?: number): Promise<string[]> {
  let q = db.kysely.selectFrom("audit_log").select("id").where("outcome", "=", "pending");
  if (before !== undefined) q = q.where("at", "<", before);
  const rows = await q.orderBy("at", "asc").execute();
  return rows.map((r) => r.id);
}

/** Entries whose outcome reconciliation has still to decide (unknown, interrupted), oldest first. */
export async function listUnresolvedAuditRows(db: GavelDb): Promise<Selectable<AuditLogTable>[]> {
  return db.kysely
    .selectFrom("audit_log")
    .selectAll()
    .where("outcome", "in", [...UNRESOLVED_AUDIT_OUTCOMES])
    .orderBy("at", "asc")
    .execute();
}

/** The history of each of these entries, oldest change first, by entry id. */
export async function historyOf(db: GavelDb, auditIds: readonly string[]): Promise<Map<string, AuditHistoryFields[]>> {
  const out = new Map<string, AuditHistoryFields[]>();
  if (auditIds.length === 0) return out;
  const rows: Selectable<AuditHistoryTable>[] = await db.kysely
    .selectFrom("audit_history")
    .selectAll()
    .where("audit_id", "in", [...auditIds])
    .orderBy("at", "asc")
    .orderBy("id", "asc")
    .execute();
  for (const r of rows) {
    const list = out.get(r.audit_id) ?? [];
    list.push({ at: Number(r.at), from: r.from_outcome, to: r.to_outcome, by: r.decided_by, note: r.note });
    out.set(r.audit_id, list);
  }
  return out;
}
