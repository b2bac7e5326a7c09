import { describe, expect, it } from "vitest";
import { engines } from "../../testing/db-engines";
import { processDbForSuite } from "../../testing/process-db";
import type { GavelDb } from "../../db";
import { recordJoins, recordLeave, listAttendance } from "../../db/attendance";
import { insertAuditBatch, iterateAudit, type NewAuditEntry } from "../../db/audit";
import { releaseLease, takeLease } from "../../db/fleet-leases";
import { recordAudit, SUCCEEDED_LOCALLY } from "./record";
import {
  RETENTION_INTERVAL_MS,
  RETENTION_JOB,
  resetRetentionScheduleForTests,
  runningRetentionForTests,
  runRetention,
  scheduleRetention,
} from "./retention";

const DAY = 24 * 60 * 60 * 1000;

function row(at: number, requestId: string): NewAuditEntry {
  return {
    at,
    actorId: null,
    actorEmail: "ann@gavel.test",
    actorRole: "admin",
    action: "conference.pin",
    conferenceId: "weekly-sync",
    targetCallId: null,
    targetNumber: null,
    params: null,
    outcome: "succeeded",
    httpStatus: null,
    sinchErrorCode: null,
    sinchReference: null,
    errorMessage: null,
    latencyMs: null,
    requestId,
    clientAddress: "10.0.0.1",
  };
}

async function requestIds(db: GavelDb): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of iterateAudit(db, {})) ids.push(...page.map((r) => r.request_id));
  return ids.sort();
}

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("retention", () => {
    const suite = processDbForSuite(engine, { GAVEL_AUDIT_RETENTION_DAYS: "30" });

    it("runRetention deletes audit rows and ended stays older than the cutoff, nothing else", async () => {
      const now = Date.now();
      await insertAuditBatch(suite.db, [row(now - 31 * DAY, "old"), row(now - 29 * DAY, "recent"), row(now, "now")]);
      await recordJoins(suite.db, "weekly-sync", [
        { callId: "ended-long-ago", number: "+1", label: null, joinedAt: now - 40 * DAY },
        { callId: "ended-recently", number: "+2", label: null, joinedAt: now - 40 * DAY },
        { callId: "open-stale", number: "+3", label: null, joinedAt: now - 35 * DAY },
        { callId: "open-now", number: "+4", label: null, joinedAt: now - DAY },
      ]);
      await recordLeave(suite.db, "weekly-sync", {
        callId: "ended-long-ago",
        leftAt: now - 39 * DAY,
        kickedBy: null,
        kickReason: null,
      });
      await recordLeave(suite.db, "weekly-sync", {
        callId: "ended-recently",
        leftAt: now - 2 * DAY,
        kickedBy: null,
        kickReason: null,
      });

      const result = await runRetention(suite.db, now, 30);
      expect(result).toEqual({ cutoff: now - 30 * DAY, audit: 1, attendance: 2 });
      expect(await requestIds(suite.db)).toEqual(["now", "recent"]);
      expect((await listAttendance(suite.db, "weekly-sync")).map((s) => s.callId).sort()).toEqual([
        "ended-recently",
        "open-now",
      ]);
    });

    it("runs at most once an hour per process, and starts from the audit write path", async () => {
      resetRetentionScheduleForTests();
      const now = Date.now();
      await insertAuditBatch(suite.db, [row(now - 31 * DAY, "old-1")]);
      // A write starts the job in the background (GAVEL_AUDIT_RETENTION_DAYS=30 here) ...
      await recordAudit(
        { actor: null, requestId: "write-1", clientAddress: "test" },
        { action: "conference.pin" },
        SUCCEEDED_LOCALLY,
      );
      // The write does not wait for the run; the run is over only when both deletes are.
      const first = runningRetentionForTests();
      expect(first).not.toBeNull();
      expect(await first).toMatchObject({ audit: 1 });
      expect(await requestIds(suite.db)).not.toContain("old-1");

      // ... and the next writes within the hour do not start it again.
      await insertAuditBatch(suite.db, [row(now - 31 * DAY, "old-2")]);
      expect(scheduleRetention(now + 1000)).toBeNull();
      expect(scheduleRetention(now + RETENTION_INTERVAL_MS - 60_000)).toBeNull();
      expect(await requestIds(suite.db)).toContain("old-2");

      const run = scheduleRetention(now + RETENTION_INTERVAL_MS + 1000);
      expect(run).not.toBeNull();
      // While one runs, no second one starts.
      expect(scheduleRetention(now + 10 * RETENTION_INTERVAL_MS)).toBeNull();
      expect(await run).toMatchObject({ audit: 1 });
      expect(await requestIds(suite.db)).not.toContain("old-2");
    });

    it("runs once an hour for the whole fleet: an instance that finds the hour claimed by another skips it", async () => {
      resetRetentionScheduleForTests();
      const now = Date.now();
      await insertAuditBatch(suite.db, [row(now - 31 * DAY, "old-other")]);
      // Another instance claimed this hour's run (this one's claim by the test above is gone).
      await suite.db.kysely.deleteFrom("fleet_leases").execute();
      expect((await takeLease(suite.db, RETENTION_JOB, "other-instance", RETENTION_INTERVAL_MS, Date.now())).held).toBe(
        true,
      );
      expect(await scheduleRetention(now)).toBeNull();
      expect(await requestIds(suite.db)).toContain("old-other");
      // Its hour over (here: given up), the next run here does the job.
      await releaseLease(suite.db, RETENTION_JOB, "other-instance");
      resetRetentionScheduleForTests();
      expect(await scheduleRetention(now)).toMatchObject({ audit: 1 });
      expect(await requestIds(suite.db)).not.toContain("old-other");
    });
  });
});
