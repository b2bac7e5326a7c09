/**
 * The retention job: the only code that deletes audit (and attendance) rows.
 *
 * How it runs: opportunistically, from the write paths. Every audit write and
 * every attendance change calls `scheduleRetention()`, which starts a run in the
 * background when this process has not started one in the last hour. No timer, no
 * instrumentation hook and no cron: a Gavel that nobody uses writes nothing that
 * needs deleting, and one that is used runs the job within the hour. Several
 * instances on one PostgreSQL run it once an hour between them: a run first claims
 * the "retention" lease for the hour (lib/fleet/server/leases.ts), and an instance
 * that finds it claimed by another skips the run.
 *
 * What goes: audit rows older than GAVEL_AUDIT_RETENTION_DAYS (default 365), and
 * attendance stays that ended (or were last left open) before the same cutoff,
 * since attendance is personal data too. Deletes go in chunks so a first run over
 * years of history never holds SQLite's write lock for long.
 */
import "server-only";
import { config } from "../../config/env";
import { db, type GavelDb } from "../../db";
import { deleteAttendanceEndedBefore } from "../../db/attendance";
import { deleteAuditOlderThan } from "../../db/audit";
import { fleetLeases } from "../../fleet/server/leases";
import { log } from "../../log/logger";
import { processSingleton } from "../../util/server/process-singleton";

export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
/** The lease that says which instance runs this hour's retention. */
export const RETENTION_JOB = "retention";
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionResult {
  cutoff: number;
  audit: number;
  attendance: number;
}

/** Deletes what is older than `days` days before `now`. */
export async function runRetention(database: GavelDb, now: number, days: number): Promise<RetentionResult> {
  const cutoff = now - days * DAY_MS;
  const audit = await deleteAuditOlderThan(database, cutoff);
  const attendance = await deleteAttendanceEndedBefore(database, cutoff);
  return { cutoff, audit, attendance };
}

interface SchedulerState {
  lastStartedAt: number | null;
  running: Promise<RetentionResult | null> | null;
}

// One per process: Next's dev server re-evaluates modules, which would reset the hour.
const state = processSingleton<SchedulerState>("retention", () => ({ lastStartedAt: null, running: null }));

/**
 * Starts the retention job unless this process started one less than an hour ago
 * (or one is still running). Never throws and never delays the caller: the run's
 * promise is returned for tests, and its failure is logged, not raised.
 */
export function scheduleRetention(now: number = Date.now()): Promise<RetentionResult | null> | null {
  if (state.running) return null;
  if (state.lastStartedAt !== null && now - state.lastStartedAt < RETENTION_INTERVAL_MS) return null;
  state.lastStartedAt = now;
  const days = config().GAVEL_AUDIT_RETENTION_DAYS;
  const run = (async () => {
    try {
      // Once an hour for the whole fleet: whoever claims the hour runs it.
      if (!(await fleetLeases().claim([RETENTION_JOB], RETENTION_INTERVAL_MS)).has(RETENTION_JOB)) return null;
      const result = await runRetention(await db(), now, days);
      if (result.audit > 0 || result.attendance > 0) {
        log("info", "retention_deleted", { ...result, days });
      }
      return result;
    } catch (e) {
      log("error", "retention_failed", { error: String(e) });
      return null;
    } finally {
      state.running = null;
    }
  })();
  state.running = run;
  return run;
}

/** For tests: the run in progress, if any, to wait for it to finish. */
export function runningRetentionForTests(): Promise<RetentionResult | null> | null {
  return state.running;
}

/** For tests: forget when the job last ran. */
export function resetRetentionScheduleForTests(): void {
  state.lastStartedAt = null;
  state.running = null;
}
