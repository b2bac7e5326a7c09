/**
 * Attendance with several instances: two trackers (as two instances would each run
 * one, over one database) watch one room, each from the lists it fetched itself, a
 * little apart in time and out of step. Every join and leave is written once.
 */
import { describe, expect, it } from "vitest";
import { engines } from "../../testing/db-engines";
import { processDbForSuite } from "../../testing/process-db";
import { listAttendance } from "../../db/attendance";
import type { ConferenceLive, LiveParticipant } from "../../conferences/schemas";
import { createAttendanceTracker } from "./tracker";

const p = (callId: string, durationSeconds: number): LiveParticipant => ({
  callId,
  cli: `+4670000${callId.replace(/\D/g, "").padStart(4, "0")}`,
  duration: durationSeconds,
  muted: false,
  onhold: false,
  label: null,
});

const snapshot = (conferenceId: string, at: number, participants: LiveParticipant[]): ConferenceLive => ({
  conferenceId,
  participants,
  fetchedAt: new Date(at).toISOString(),
});

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("attendance, two instances", () => {
    const suite = processDbForSuite(engine);

    it("two trackers watching one room write one row per stay, with one leave each", async () => {
      const a = createAttendanceTracker();
      const b = createAttendanceTracker();
      const id = `fleet-room-${engine.name}`;
      const T = Date.now() - 60_000;
      // Both see c-1 join (their GETs 300 ms apart, Sinch's durations rounded differently).
      await Promise.all([a.track(snapshot(id, T, [p("c-1", 2)])), b.track(snapshot(id, T + 300, [p("c-1", 2)]))]);
      // c-2 joins; B sees it first, then A.
      await b.track(snapshot(id, T + 1300, [p("c-1", 3), p("c-2", 0)]));
      await a.track(snapshot(id, T + 1000, [p("c-1", 3), p("c-2", 0)]));
      // c-1 leaves: A notices first; B, polling later, notices too.
      await Promise.all([
        a.track(snapshot(id, T + 2000, [p("c-2", 1)])),
        b.track(snapshot(id, T + 2300, [p("c-2", 1)])),
      ]);
      // Both again at once: nothing changes.
      await Promise.all([
        a.track(snapshot(id, T + 3000, [p("c-2", 2)])),
        b.track(snapshot(id, T + 3300, [p("c-2", 2)])),
      ]);

      const rows = await listAttendance(suite.db, id);
      expect(rows.map((r) => r.callId)).toEqual(["c-1", "c-2"]);
      const c1 = rows.find((r) => r.callId === "c-1");
      // The first instance to write the join, and the leave, decided it; the other's did not overwrite it.
      expect([T - 2000, T - 1700]).toContain(c1?.joinedAt);
      expect([T + 2000, T + 2300]).toContain(c1?.leftAt);
      expect(rows.find((r) => r.callId === "c-2")?.leftAt).toBeNull();
    });
  });
});
