/**
 * GET /api/ready's checks: the database answers a trivial query within a short
 * timeout, every migration Gavel knows is applied, and Sinch answered Gavel's own
 * last request (./sinch-health.ts) rather than failing it. Sinch is not called per
 * probe: when nothing is known yet the check says "unknown" and does not fail; when
 * the last request failed, the check fails, and one probe request (a GET for a room
 * nobody uses, which Sinch answers 404) goes out at most every SINCH_RECHECK_MS, so an
 * instance taken out of rotation, which then makes no requests of its own, still
 * finds out when Sinch is back.
 *
 * Probes arriving together share one check (a flood of probes costs one query at a
 * time, which is why the route is not rate limited). Answers carry short words only:
 * no URL, host, error text or version for a stranger to read.
 */
import "server-only";
import { db } from "../../db";
import { pendingMigrations } from "../../db/health";
import { log } from "../../log/logger";
import { sinchClient } from "../../platform/server/sinch";
import type { ReadinessChecks, ReadyReply } from "../contract";
import { lastSinchHealth } from "./sinch-health";

/** How long the database may take to answer before it counts as down. */
export const DB_CHECK_TIMEOUT_MS = 2000;
/** While Sinch's last answer was a failure, at most one probe request this often. */
export const SINCH_RECHECK_MS = 15_000;
/** The probe's room: never used by anyone, so Sinch answers "no such conference". */
const PROBE_CONFERENCE = "gavel-readiness-probe";

let inflight: Promise<ReadyReply> | undefined;
let lastProbeAt = 0;

async function databaseChecks(): Promise<Pick<ReadinessChecks, "database" | "migrations">> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), DB_CHECK_TIMEOUT_MS);
  });
  try {
    const pending = await Promise.race([db().then(pendingMigrations), timeout]);
    if (pending === "timeout") return { database: "timeout", migrations: "unknown" };
    return { database: "ok", migrations: pending.length === 0 ? "ok" : "pending" };
  } catch (e) {
    // db() migrates when it opens: a migration that failed is not a database that is down.
    const message = e instanceof Error ? e.message : String(e);
    log("warn", "ready_database_failed", { error: message });
    if (message.startsWith("Database migration")) return { database: "ok", migrations: "failed" };
    return { database: "unreachable", migrations: "unknown" };
  } finally {
    clearTimeout(timer);
  }
}

function sinchCheck(now: number): ReadinessChecks["sinch"] {
  const last = lastSinchHealth();
  if (!last) return "unknown";
  if (last.ok) return "ok";
  if (now - last.at >= SINCH_RECHECK_MS && now - lastProbeAt >= SINCH_RECHECK_MS) {
    lastProbeAt = now;
    // Its answer (or failure) is recorded by the client's hook, for the next probe to read.
    try {
      void sinchClient()
        .getConference(PROBE_CONFERENCE)
        .catch(() => undefined);
    } catch {
      // No client can be built (no credentials): nothing to probe with.
    }
  }
  return "error";
}

function reasonsOf(c: ReadinessChecks): string[] {
  const reasons: string[] = [];
  if (c.database === "unreachable") reasons.push("The database is unreachable.");
  if (c.database === "timeout") reasons.push("The database did not answer in time.");
  if (c.migrations === "pending") reasons.push("Database migrations are pending.");
  if (c.migrations === "failed") reasons.push("Database migrations failed.");
  if (c.sinch === "error") reasons.push("Gavel's last request to Sinch failed.");
  return reasons;
}

async function check(): Promise<ReadyReply> {
  const now = Date.now();
  const checks: ReadinessChecks = { ...(await databaseChecks()), sinch: sinchCheck(now) };
  const reasons = reasonsOf(checks);
  return { status: reasons.length === 0 ? "ready" : "not_ready", checks, reasons };
}

/** The readiness of this instance; concurrent callers share one check. */
export function readiness(): Promise<ReadyReply> {
  inflight ??= check().finally(() => {
    inflight = undefined;
  });
  return inflight;
}
