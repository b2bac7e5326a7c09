/**
 * The audit trail after a crash. Run once per process at start-up (instrumentation.ts):
 * entries a killed process left pending become "interrupted" (with history), and
 * reconciliation then decides them like unknown ones, from what Sinch shows. Several
 * instances on PostgreSQL: only entries older than any command can stay in flight, by
 * whichever instance holds the recovery lease, again every half minute, so a dead
 * instance's entries are recovered while the others run (lib/fleet/server/takeover.ts).
 */
import "server-only";
import { db } from "../../db";
import { changeAuditOutcome, listPendingAuditIds, listUnresolvedAuditRows } from "../../db/audit-history";
import { log } from "../../log/logger";
import { entryParams } from "./entry-view";

/** An entry reconciliation has still to decide. */
export interface UnresolvedAudit {
  auditId: string;
  action: string;
  conferenceId: string | null;
  targetCallId: string | null;
  targetNumber: string | null;
  params: Record<string, unknown> | null;
  requestId: string;
  /** Epoch ms of the entry (when the command was sent). */
  at: number;
  outcome: "unknown" | "interrupted";
}

/** Every entry whose outcome is unknown or interrupted, oldest first. */
export async function listUnresolvedAudits(): Promise<UnresolvedAudit[]> {
  const rows = await listUnresolvedAuditRows(await db());
  return rows.map((r) => {
    const params = entryParams(r.params);
    return {
      auditId: r.id,
      action: r.action,
      conferenceId: r.conference_id,
      targetCallId: r.target_call_id,
      targetNumber: r.target_number,
      params,
      requestId: r.request_id,
      at: Number(r.at),
      outcome: r.outcome === "interrupted" ? "interrupted" : "unknown",
    };
  });
}

/**
 * Marks every pending entry interrupted: its process died between sending (or
 * about to send) the request and hearing back. Returns how many. With `olderThanMs`
 * (several instances on PostgreSQL), only entries at least that old: a living
 * instance completes its own within the Sinch timeout.
 */
export async function recoverInterruptedAudits(now = Date.now(), olderThanMs?: number): Promise<number> {
  const database = await db();
  let n = 0;
  const before = olderThanMs === undefined ? undefined : now - olderThanMs;
  for (const id of await listPendingAuditIds(database, before)) {
    const changed = await changeAuditOutcome(database, id, {
      to: "interrupted",
      by: "restart",
      note: "left pending when Gavel stopped; found at start-up",
      at: now,
    });
    if (changed) n++;
  }
  if (n > 0) log("warn", "audit_interrupted_recovered", { count: n });
  return n;
}
