/**
 * Facts and inferences: a leave Gavel noticed only after a gap in polling is a range,
 * not an exact time; for a call Gavel placed, Sinch's call record corrects it. Against
 * the emulator over HTTP, with the emulator's clock moved by the test (nobody sleeps):
 * each "poll" is a real getConference whose list is handed to the tracker stamped with
 * that clock, as the poll cache does with its fetch time.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { engines, type TestTarget } from "../../testing/db-engines";
import { releaseProcessDb, useProcessDb } from "../../testing/process-db";
import { startEmulator, type RunningEmulator } from "../../sinch/emulator";
import type { GavelDb } from "../../db";
import { listAttendance } from "../../db/attendance";
import { insertCallout, markPlaced } from "../../db/callouts";
import { sinchClient } from "../../platform/server/sinch";
import { csvTime, parseCsv } from "../../audit/csv";
import { sleep } from "../../util/sleep";
import { forgetAttendanceStateForTests, trackAttendance } from "./tracker";
import { attendanceCsv, conferenceTimeline } from "./service";

const MINUTE = 60_000;
let emulator: RunningEmulator;
// Whole seconds, so Sinch's whole-second durations land exactly on the clock.
let clock = Date.UTC(2026, 10, 27, 10, 0, 0);

beforeAll(async () => {
  emulator = await startEmulator({
    applicationKey: "gap-key",
    applicationSecret: "Z2FwLXNlY3JldA==",
    ringMs: 10,
    now: () => clock,
  });
});
afterAll(async () => {
  await emulator?.close();
});

/** Waits on a condition (a callout's ring runs on a real timer). */
async function waitFor(done: () => boolean): Promise<void> {
  while (!done()) await sleep(5);
}

/** One poll: Sinch's list now, as the poll cache would hand it to the tracker. */
async function poll(conferenceId: string): Promise<void> {
  const participants = await sinchClient().getConference(conferenceId);
  await trackAttendance({
    conferenceId,
    fetchedAt: new Date(clock).toISOString(),
    participants: participants.map((p) => ({ ...p, label: null })),
  });
}

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("attendance after a gap in polling", () => {
    let t: TestTarget;
    let db: GavelDb;
    let seq = 0;
    const conf = (prefix: string) => `${prefix}-${engine.name}-${++seq}`;
    beforeAll(async () => {
      t = await engine.fresh();
      db = await useProcessDb(t, {
        SINCH_APPLICATION_KEY: emulator.applicationKey,
        SINCH_APPLICATION_SECRET: emulator.applicationSecret,
        SINCH_BASE_URL: emulator.url,
        GAVEL_POLL_INTERVAL_MS: "2000",
      });
    });
    afterAll(async () => {
      await releaseProcessDb();
      await t?.dispose();
    });
    beforeEach(() => forgetAttendanceStateForTests());

    it("records a leave seen after a gap as a range between the last poll that saw them and the first that did not", async () => {
      const c = conf("gap");
      const joined = clock;
      const { callId } = emulator.state.addParticipant(c, { cli: "+46700000101", durationSeconds: 0 });
      clock += 1000;
      await poll(c);
      clock += 2000;
      const lastSeen = clock;
      await poll(c);
      // Nobody polls for an hour; five minutes in, the participant hangs up.
      clock += 5 * MINUTE;
      emulator.state.hangUpParticipant(c, callId);
      clock += 55 * MINUTE;
      const noticed = clock;
      await poll(c);

      const [row] = await listAttendance(db, c);
      expect(row).toMatchObject({
        callId,
        joinedAt: joined,
        leftAfter: lastSeen,
        leftAt: noticed,
        leaveSource: "poll_gap",
      });

      const leave = (await conferenceTimeline(c)).events.find((e) => e.kind === "leave");
      expect(leave).toMatchObject({
        leftAfter: new Date(lastSeen).toISOString(),
        at: new Date(noticed).toISOString(),
        leaveSource: "poll_gap",
      });

      const [header, csvRow] = parseCsv(await attendanceCsv(c));
      const col = (name: string) => csvRow![header!.indexOf(name)];
      expect(col("Left (UTC)")).toBe("");
      expect(col("Left after (UTC)")).toBe(csvTime(lastSeen));
      expect(col("Left by (UTC)")).toBe(csvTime(noticed));
      expect(col("Time spent (seconds)")).toBe("3");
      expect(col("Time spent at most (seconds)")).toBe("3603");
      expect(col("Time spent (h:mm:ss)")).toBe("0:00:03 to 1:00:03");
      expect(col("Leave time from")).toBe("Range: gap in polling");
    });

    it("keeps a leave seen by the next regular poll exact", async () => {
      const c = conf("regular");
      const { callId } = emulator.state.addParticipant(c, { cli: "+46700000102", durationSeconds: 0 });
      clock += 1000;
      await poll(c);
      emulator.state.hangUpParticipant(c, callId);
      clock += 2000;
      await poll(c);
      expect((await listAttendance(db, c))[0]).toMatchObject({ leftAt: clock, leftAfter: null, leaveSource: "poll" });
    });

    it("corrects the leave of a call Gavel placed from Sinch's call record", async () => {
      const c = conf("placed");
      const callId = emulator.state.placeCallout({
        method: "conferenceCallout",
        conferenceCallout: { destination: { type: "number", endpoint: "+46700000103" }, conferenceId: c },
      });
      // Stored as the callout service stores it; the follower never runs in this test.
      const { callout } = await insertCallout(db, {
        type: "conference",
        request: {},
        destinationType: "number",
        destination: "+46700000103",
        cli: null,
        conferenceId: c,
        label: null,
        actorId: null,
        actorEmail: null,
      });
      await markPlaced(db, callout.id, callId);
      await waitFor(() => emulator.state.getRoomView(c)?.participants.some((p) => p.callId === callId) ?? false);
      const answered = clock;
      clock += 1000;
      await poll(c);
      clock += 2000;
      await poll(c);
      // Nobody polls; the callee stays 289 s and hangs up; Gavel looks again 20 minutes later.
      clock = answered + 289_000;
      emulator.state.hangUpParticipant(c, callId);
      clock += 20 * MINUTE;
      await poll(c);

      const record = await sinchClient().getCall(callId);
      expect(record).toMatchObject({ status: "FINAL", duration: 289 });
      const [row] = await listAttendance(db, c);
      expect(row).toMatchObject({
        joinedAt: answered,
        leftAt: answered + 289_000,
        leftAfter: null,
        leaveSource: "call_record",
      });
      const [header, csvRow] = parseCsv(await attendanceCsv(c));
      const col = (name: string) => csvRow![header!.indexOf(name)];
      expect(col("Time spent (seconds)")).toBe("289");
      expect(col("Leave time from")).toBe("Sinch call record");
    });
  });
});
