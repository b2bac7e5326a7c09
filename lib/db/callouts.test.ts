import { describe, expect, it } from "vitest";
import { IDEMPOTENCY_WINDOW_MS } from "../vocabulary/callouts";
import { engines, freshDbForSuite } from "../testing/db-engines";
import {
  getCallout,
  insertCallout,
  labelsByCallId,
  listCallouts,
  listConferenceCallouts,
  markNotPlaced,
  markPlaced,
  markPlacementUnknown,
  recordProgress,
  resolvePlacement,
  type NewCallout,
} from "./callouts";

const T0 = 1_767_225_600_000;
const s = (seconds: number) => T0 + seconds * 1000;

function conferenceCallout(conferenceId: string, endpoint: string, label?: string): NewCallout {
  // The wire request as lib/callouts builds it; persistence stores it as given.
  const request = {
    method: "conferenceCallout",
    conferenceCallout: {
      destination: { type: "number", endpoint },
      conferenceId,
      ...(label ? { custom: label } : {}),
    },
  };
  return {
    type: "conference",
    request,
    destinationType: "number",
    destination: endpoint,
    cli: null,
    conferenceId,
    label: label ?? null,
    actorId: "u1",
    actorEmail: "support@gavel.test",
  };
}

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("callouts", () => {
    const fresh = freshDbForSuite(engine);

    it("keeps a placement Sinch did not answer as unknown until it is decided, once", async () => {
      const placed = (await insertCallout(fresh.db, conferenceCallout("unknown-a", "+12025550171"), s(0))).callout;
      expect(await markPlacementUnknown(fresh.db, placed.id, "may have been placed", s(1))).toMatchObject({
        state: "unknown",
        callId: null,
        errorMessage: "may have been placed",
      });
      const joined = await resolvePlacement(fresh.db, placed.id, { placed: true, callId: "call-u1" }, s(3));
      expect(joined).toMatchObject({ state: "joined", callId: "call-u1", errorMessage: null, joinedAt: s(3) });
      // A second decider finds it decided and changes nothing.
      expect(await resolvePlacement(fresh.db, placed.id, { placed: false, message: "Not placed" }, s(4))).toMatchObject(
        {
          state: "joined",
          callId: "call-u1",
        },
      );

      const lost = (await insertCallout(fresh.db, conferenceCallout("unknown-b", "+12025550172"), s(0))).callout;
      await markPlacementUnknown(fresh.db, lost.id, "may have been placed", s(1));
      expect(await resolvePlacement(fresh.db, lost.id, { placed: false, message: "Not placed" }, s(5))).toMatchObject({
        state: "failed",
        callId: null,
        errorMessage: "Not placed",
        endedAt: s(5),
      });
      expect((await listCallouts(fresh.db, { state: "active", conferenceId: "unknown-b" })).map((c) => c.id)).toEqual(
        [],
      );
    });

    it("stores a callout as placing, then dialing with Sinch's callId, keeping the request as sent", async () => {
      const input = conferenceCallout("weekly", "+12025550143", "Alice");
      const r = await insertCallout(fresh.db, input, s(0));
      expect(r.existing).toBe(false);
      expect(r.callout).toMatchObject({
        type: "conference",
        state: "placing",
        callId: null,
        conferenceId: "weekly",
        label: "Alice",
        destination: "+12025550143",
        createdAt: s(0),
        request: input.request,
      });
      expect(r.callout.requestJson).toBe(JSON.stringify(input.request));
      const placed = await markPlaced(fresh.db, r.callout.id, "call-1", s(1));
      expect(placed).toMatchObject({ state: "dialing", callId: "call-1", result: "N/A", updatedAt: s(1) });
      expect(await getCallout(fresh.db, r.callout.id)).toEqual(placed);
    });

    it("returns the first callout for a repeated idempotency key, and lets the key go after the window", async () => {
      const input = { ...conferenceCallout("weekly", "+12025550144"), idempotencyKey: "key-aaaaaaaa" };
      const first = await insertCallout(fresh.db, input, s(10));
      const again = await insertCallout(fresh.db, input, s(20));
      expect(again.existing).toBe(true);
      expect(again.callout.id).toBe(first.callout.id);

      const later = await insertCallout(fresh.db, input, s(10) + IDEMPOTENCY_WINDOW_MS + 1);
      expect(later.existing).toBe(false);
      expect(later.callout.id).not.toBe(first.callout.id);
      expect((await getCallout(fresh.db, first.callout.id))?.idempotencyKey).toBeNull();
    });

    it("lets only one of many concurrent inserts with one key through", async () => {
      const input = { ...conferenceCallout("race", "+12025550145"), idempotencyKey: "key-race-0001" };
      const results = await Promise.all(Array.from({ length: 8 }, () => insertCallout(fresh.db, input, s(30))));
      expect(results.filter((r) => !r.existing)).toHaveLength(1);
      expect(new Set(results.map((r) => r.callout.id)).size).toBe(1);
      expect(await listCallouts(fresh.db, { conferenceId: "race" })).toHaveLength(1);
    });

    it("records progress forwards only: a final state is never overwritten", async () => {
      const { callout } = await insertCallout(fresh.db, conferenceCallout("progress", "+12025550146"), s(40));
      await markPlaced(fresh.db, callout.id, "call-p", s(41));
      const joined = await recordProgress(
        fresh.db,
        callout.id,
        { state: "joined", result: "ANSWERED", reason: "N/A", durationSeconds: 0 },
        s(42),
      );
      expect(joined).toMatchObject({ state: "joined", joinedAt: s(42), endedAt: null });
      const stillJoined = await recordProgress(fresh.db, callout.id, { state: "joined", durationSeconds: 5 }, s(47));
      expect(stillJoined).toMatchObject({ joinedAt: s(42), durationSeconds: 5 });
      const ended = await recordProgress(
        fresh.db,
        callout.id,
        { state: "ended", result: "ANSWERED", reason: "CALLEEHANGUP", durationSeconds: 9 },
        s(51),
      );
      expect(ended).toMatchObject({ state: "ended", reason: "CALLEEHANGUP", endedAt: s(51), joinedAt: s(42) });
      const late = await recordProgress(fresh.db, callout.id, { state: "dialing" }, s(60));
      expect(late).toMatchObject({ state: "ended", endedAt: s(51), updatedAt: s(51) });
    });

    it("marks a callout Sinch refused as failed with the reason, once", async () => {
      const { callout } = await insertCallout(fresh.db, conferenceCallout("refused", "+12025550147"), s(70));
      const failed = await markNotPlaced(fresh.db, callout.id, "Sinch: Invalid parameter", s(71));
      expect(failed).toMatchObject({
        state: "failed",
        errorMessage: "Sinch: Invalid parameter",
        endedAt: s(71),
        callId: null,
      });
      const again = await markPlaced(fresh.db, callout.id, "too-late", s(72));
      expect(again).toMatchObject({ state: "failed", callId: null });
    });

    it("lists newest first, filtered by state, conference and batch", async () => {
      const a = await insertCallout(
        fresh.db,
        { ...conferenceCallout("list", "+12025550150"), batchId: "batch-0001" },
        s(100),
      );
      const b = await insertCallout(
        fresh.db,
        { ...conferenceCallout("list", "+12025550151"), batchId: "batch-0001" },
        s(101),
      );
      const c = await insertCallout(fresh.db, conferenceCallout("other", "+12025550152"), s(102));
      await markPlaced(fresh.db, a.callout.id, "call-a", s(103));
      await recordProgress(fresh.db, a.callout.id, { state: "busy", result: "BUSY" }, s(104));
      const ids = (await listCallouts(fresh.db, {})).map((x) => x.id);
      expect(ids.indexOf(c.callout.id)).toBeLessThan(ids.indexOf(b.callout.id));
      expect(ids.indexOf(b.callout.id)).toBeLessThan(ids.indexOf(a.callout.id));
      expect((await listCallouts(fresh.db, { conferenceId: "list" })).map((x) => x.id)).toEqual([
        b.callout.id,
        a.callout.id,
      ]);
      expect((await listCallouts(fresh.db, { batchId: "batch-0001", state: "busy" })).map((x) => x.id)).toEqual([
        a.callout.id,
      ]);
      expect((await listCallouts(fresh.db, { conferenceId: "list", state: "active" })).map((x) => x.id)).toEqual([
        b.callout.id,
      ]);
      expect((await listCallouts(fresh.db, { conferenceId: "list", state: "finished" })).map((x) => x.id)).toEqual([
        a.callout.id,
      ]);
      expect(await listCallouts(fresh.db, { limit: 1 })).toHaveLength(1);
    });

    it("lists a conference's ghost-row candidates: unfinished, or ended since a time", async () => {
      const old = await insertCallout(fresh.db, conferenceCallout("ghosts", "+12025550160"), s(200));
      await markNotPlaced(fresh.db, old.callout.id, "old failure", s(201));
      const recent = await insertCallout(fresh.db, conferenceCallout("ghosts", "+12025550161"), s(300));
      await markNotPlaced(fresh.db, recent.callout.id, "recent failure", s(301));
      const ringing = await insertCallout(fresh.db, conferenceCallout("ghosts", "+12025550162"), s(302));
      expect((await listConferenceCallouts(fresh.db, "ghosts", s(250))).map((x) => x.id)).toEqual([
        ringing.callout.id,
        recent.callout.id,
      ]);
    });

    it("finds labels by callId", async () => {
      const { callout } = await insertCallout(fresh.db, conferenceCallout("labels", "+12025550170", "Carol"), s(400));
      await markPlaced(fresh.db, callout.id, "call-label", s(401));
      const unlabelled = await insertCallout(fresh.db, conferenceCallout("labels", "+12025550171"), s(402));
      await markPlaced(fresh.db, unlabelled.callout.id, "call-nolabel", s(403));
      const labels = await labelsByCallId(fresh.db, ["call-label", "call-nolabel", "nobody", "call-label"]);
      expect([...labels]).toEqual([["call-label", "Carol"]]);
      expect((await labelsByCallId(fresh.db, [])).size).toBe(0);
    });
  });
});
