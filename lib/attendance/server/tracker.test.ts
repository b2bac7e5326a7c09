import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { engines, type TestTarget } from "../../testing/db-engines";
import { releaseProcessDb, useProcessDb } from "../../testing/process-db";
import type { GavelDb } from "../../db";
import { listAttendance, openAttendance } from "../../db/attendance";
import { insertAudit } from "../../db/audit";
import { afterSnapshot } from "../../conferences/server/snapshot-hooks";
import { noteKick } from "../../conferences/server/kick-notes";
import type { ConferenceLive, LiveParticipant } from "../../conferences/schemas";
import {
  ATTENDANCE_IDLE_MS,
  forgetAttendanceStateForTests,
  MAX_TRACKED_CONFERENCES,
  trackAttendance,
  trackedConferenceCount,
} from "./tracker";
import { attendanceCsv, conferenceTimeline } from "./service";
import { parseCsv } from "../../audit/csv";
import { createContact } from "../../db/contacts";

const p = (callId: string, cli: string, durationSeconds = 0): LiveParticipant => ({
  callId,
  cli,
  duration: durationSeconds,
  muted: false,
  onhold: false,
  label: null,
});

function snapshot(conferenceId: string, at: number, participants: LiveParticipant[]): ConferenceLive {
  return { conferenceId, participants, fetchedAt: new Date(at).toISOString() };
}

const byCall = async (db: GavelDb, conferenceId: string) =>
  new Map((await listAttendance(db, conferenceId)).map((r) => [r.callId, r]));

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("attendance tracking", () => {
    let t: TestTarget;
    let db: GavelDb;
    let T: number;
    beforeAll(async () => {
      t = await engine.fresh();
      db = await useProcessDb(t);
    });
    afterAll(async () => {
      await releaseProcessDb();
      await t?.dispose();
    });
    beforeEach(() => {
      forgetAttendanceStateForTests();
      T = Date.now();
    });

    it("holds at most MAX_TRACKED_CONFERENCES conferences, and forgets the idle ones", async () => {
      for (let i = 0; i < MAX_TRACKED_CONFERENCES + 5; i++) {
        await trackAttendance(snapshot(`conf-many-${engine.name}-${i}`, T, []));
      }
      expect(trackedConferenceCount()).toBe(MAX_TRACKED_CONFERENCES);
      const later = Date.now() + ATTENDANCE_IDLE_MS;
      vi.spyOn(Date, "now").mockReturnValue(later);
      try {
        await trackAttendance(snapshot(`conf-many-${engine.name}-fresh`, later, []));
      } finally {
        vi.restoreAllMocks();
      }
      expect(trackedConferenceCount()).toBe(1);
    });

    it("records people already there with their real join time, then joins and leaves", async () => {
      const c = `conf-basic-${engine.name}`;
      await afterSnapshot(snapshot(c, T, [p("a", "+46700000001", 120), p("b", "+46700000002", 5)]));
      let rows = await byCall(db, c);
      expect(rows.get("a")).toMatchObject({ number: "+46700000001", joinedAt: T - 120_000, leftAt: null });
      expect(rows.get("b")).toMatchObject({ joinedAt: T - 5000, leftAt: null });

      // Two seconds later: b left, c joined a second ago. Nothing is written for a.
      await afterSnapshot(snapshot(c, T + 2000, [p("a", "+46700000001", 122), p("c", "+46700000003", 1)]));
      rows = await byCall(db, c);
      expect(rows.get("b")).toMatchObject({
        leftAt: T + 2000,
        leftAfter: null,
        leaveSource: "poll",
        kickedBy: null,
        kickReason: null,
      });
      expect(rows.get("c")).toMatchObject({ joinedAt: T + 1000, leftAt: null });
      expect(rows.get("a")?.leftAt).toBeNull();
      expect(rows.size).toBe(3);
    });

    it("says who kicked a participant, with the kick's own time and reason", async () => {
      const c = `conf-kick-${engine.name}`;
      await trackAttendance(snapshot(c, T, [p("k", "+46700000009", 30)]));
      await noteKick(c, "k", { id: "u1", email: "mod@gavel.test", role: "moderator" }, "heckling");
      const kickedAt = Date.now();
      await trackAttendance(snapshot(c, T + 2000, []));
      const row = (await byCall(db, c)).get("k");
      expect(row).toMatchObject({ kickedBy: "mod@gavel.test", kickReason: "heckling" });
      expect(row?.leftAt).toBeGreaterThanOrEqual(kickedAt - 50);
      expect(row?.leftAt).toBeLessThanOrEqual(kickedAt + 50);
    });

    // Issue 10 changed this: a leave seen after a gap is a range, no longer the last time seen.
    it("after a restart, closes stays of people who left meanwhile as a range from when they were last seen", async () => {
      const c = `conf-restart-${engine.name}`;
      const seenAt = Date.now();
      await afterSnapshot(snapshot(c, T, [p("x", "+46700000011", 60), p("y", "+46700000012", 60)]));
      expect(await openAttendance(db, c)).toHaveLength(2);

      forgetAttendanceStateForTests(); // the process restarts; an hour passes with nobody watching
      await afterSnapshot(snapshot(c, T + 3_600_000, [p("y", "+46700000012", 3660)]));
      const rows = await byCall(db, c);
      // Last seen by the previous process's poll (the conference record's last_connected_at).
      expect(rows.get("x")?.leftAfter).toBeGreaterThanOrEqual(seenAt - 50);
      expect(rows.get("x")?.leftAfter).toBeLessThan(seenAt + 10_000);
      expect(rows.get("x")).toMatchObject({ leftAt: T + 3_600_000, leaveSource: "poll_gap" });
      expect(rows.get("y")).toMatchObject({ leftAt: null, joinedAt: T - 60_000 });
      expect(rows.size).toBe(2);
    });

    it("finds the kicker in the audit trail when this process has no note (another instance, a restart)", async () => {
      const c = `conf-audit-kick-${engine.name}`;
      await trackAttendance(snapshot(c, T, [p("z", "+46700000021", 10)]));
      forgetAttendanceStateForTests();
      await insertAudit(db, {
        at: T + 500,
        actorId: "u2",
        actorEmail: "admin@gavel.test",
        actorRole: "admin",
        action: "participant.kick",
        conferenceId: c,
        targetCallId: "z",
        targetNumber: "+46700000021",
        params: { reason: "wrong meeting" },
        outcome: "succeeded",
        httpStatus: 204,
        sinchErrorCode: null,
        sinchReference: null,
        errorMessage: null,
        latencyMs: 5,
        requestId: "req-kick-z",
        clientAddress: "10.0.0.9",
      });
      await trackAttendance(snapshot(c, T + 2000, []));
      expect((await byCall(db, c)).get("z")).toMatchObject({
        kickedBy: "admin@gavel.test",
        kickReason: "wrong meeting",
        leftAt: T + 500,
      });
    });

    it("applies snapshots one at a time and ignores one older than the last applied", async () => {
      const c = `conf-order-${engine.name}`;
      await Promise.all([
        trackAttendance(snapshot(c, T, [p("m", "+46700000031", 0)])),
        trackAttendance(snapshot(c, T + 2000, [p("m", "+46700000031", 2), p("n", "+46700000032", 0)])),
        trackAttendance(snapshot(c, T + 1000, [])), // late: must not close m
      ]);
      const rows = await byCall(db, c);
      expect(rows.size).toBe(2);
      expect(rows.get("m")?.leftAt).toBeNull();
      expect(rows.get("n")?.leftAt).toBeNull();
    });

    it("builds the timeline and the attendance CSV from the stays and the trail", async () => {
      const c = `conf-timeline-${engine.name}`;
      await trackAttendance(snapshot(c, T, [p("t1", "+46700000041", 0)]));
      await noteKick(c, "t1", { id: "u1", email: "mod@gavel.test", role: "moderator" }, 'said "=1+2", loudly');
      await trackAttendance(snapshot(c, T + 90_000, []));
      // Who the number is, as the directory says when the timeline and the CSV are read.
      await createContact(db, { name: "Tess Timeline", numbers: ["+46700000041"], organisation: null, notes: null });
      const { events } = await conferenceTimeline(c);
      expect(events.map((e) => e.kind)).toEqual(["leave", "join"]);
      expect(events.map((e) => e.name)).toEqual(["Tess Timeline", "Tess Timeline"]);
      expect(events[0]).toMatchObject({
        callId: "t1",
        number: "+46700000041",
        actor: "mod@gavel.test",
        reason: 'said "=1+2", loudly',
      });

      const csv = parseCsv(await attendanceCsv(c));
      expect(csv[0]).toEqual([
        "Number",
        "Label",
        "Call id",
        "Joined (UTC)",
        "Left (UTC)",
        "Time spent (seconds)",
        "Time spent (h:mm:ss)",
        "Status",
        "Removed by",
        "Removal reason",
        // Added by issue 10 (a leave known only as a range is never written as an exact time).
        "Left after (UTC)",
        "Left by (UTC)",
        "Time spent at most (seconds)",
        "Leave time from",
        // Added by issue 13: the directory's name for the number at the export.
        "Name (directory now)",
      ]);
      const row = csv[1]!;
      expect(row[0]).toBe("'+46700000041");
      expect(row[7]).toBe("Removed");
      expect(row[8]).toBe("mod@gavel.test");
      expect(row[9]).toBe('said "=1+2", loudly');
      expect(row[13]).toBe("Kick");
      expect(row[14]).toBe("Tess Timeline");
    });
  });
});
