/**
 * What several instances on one PostgreSQL do so that nothing is left undone when one
 * of them dies. At start-up, and then every TAKEOVER_EVERY_MS, each instance:
 * - claims the "recovery" lease (for RECOVERY_EVERY_MS); the instance that gets it marks
 *   audit entries left pending longer than any command can be in flight as
 *   interrupted, and hands every unresolved entry to reconciliation (first decision
 *   wins: a decided entry never changes again);
 * - starts a watch for every room whose policy watcher's lease expired without being
 *   given up (its instance died): one of them takes the room over.
 * On SQLite (one process by design) start-up recovers every pending entry and no
 * sweep runs, as before several instances existed.
 */
import "server-only";
import { recoverInterruptedAudits } from "../../audit/server/recovery";
import { config } from "../../config/env";
import { startReconciler } from "../../conferences/server/reconcile";
import { db } from "../../db";
import { log } from "../../log/logger";
import { takeOverPolicyRooms } from "../../policies/server/watch";
import { processSingleton } from "../../util/server/process-singleton";
import { fleetLeases, LEASE_TTL_MS } from "./leases";

export const TAKEOVER_EVERY_MS = LEASE_TTL_MS / 2;
export const RECOVERY_EVERY_MS = 30_000;
const RECOVERY_JOB = "recovery";

/** How old a pending entry must be before another instance may call it interrupted. */
export function pendingGraceMs(): number {
  return 2 * config().SINCH_TIMEOUT_MS + 10_000;
}

/** One recovery pass, by whichever instance claims it; false when another did. */
export async function recoverOnce(now = Date.now()): Promise<boolean> {
  if (!(await fleetLeases().claim([RECOVERY_JOB], RECOVERY_EVERY_MS)).has(RECOVERY_JOB)) return false;
  await recoverInterruptedAudits(now, pendingGraceMs());
  await startReconciler({ quiet: true });
  return true;
}

async function sweep(): Promise<void> {
  try {
    await recoverOnce();
  } catch (e) {
    log("error", "fleet_recovery_failed", { error: String(e) });
  }
  try {
    await takeOverPolicyRooms();
  } catch (e) {
    log("error", "fleet_policy_takeover_failed", { error: String(e) });
  }
}

const state = processSingleton("fleetTakeover", (): { timer?: ReturnType<typeof setInterval> } => ({}));

/**
 * Start-up: recovery and reconciliation (once per fleet on PostgreSQL), then, on
 * PostgreSQL, the take-over sweep. Never throws.
 */
export async function startFleetDuties(): Promise<void> {
  const engine = (await db()).engine;
  if (engine === "sqlite") {
    try {
      await recoverInterruptedAudits();
    } catch (e) {
      log("error", "audit_recovery_failed", { error: String(e) });
    }
    try {
      await startReconciler();
    } catch (e) {
      log("error", "reconciler_start_failed", { error: String(e) });
    }
    return;
  }
  await sweep();
  if (state.timer) return;
  state.timer = setInterval(() => void sweep(), TAKEOVER_EVERY_MS);
  state.timer.unref?.();
}
