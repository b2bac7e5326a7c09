/** "Left recently"'s query on both engines: the window, the order, the limit, and the callout's end reason. */
import { describe, expect, it } from "vitest";
import { engines, freshDbForSuite } from "../testing/db-engines";
import { listRecentLeaves, recordJoins, recordLeave } from "./attendance";
import { insertCallout, markPlaced, recordProgress } from "./callouts";

const T0 = 1_767_225_600_000;
const min = (m: number) => T0 + m * 60_000;

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("recent leaves", () => {
    const fresh = freshDbForSuite(engine);

    it("lists stays that ended since the cutoff, newest first, with a placed call's Sinch result and reason", async () => {
      const conf = "recent-1";
      await recordJoins(fresh.db, conf, [
        { callId: "old", number: "+46701000001", label: null, joinedAt: min(0) },
        { callId: "kicked", number: "+46701000002", label: null, joinedAt: min(1) },
        { callId: "placed", number: "+12025550143", label: "Alice", joinedAt: min(2) },
        { callId: "here", number: "+46701000004", label: null, joinedAt: min(3) },
      ]);
      await recordJoins(fresh.db, "other", [{ callId: "elsewhere", number: "+1", label: null, joinedAt: min(0) }]);
      const leave = (callId: string, at: number, kickedBy: string | null = null) =>
        recordLeave(fresh.db, conf, { callId, leftAt: at, kickedBy, kickReason: kickedBy ? "noise" : null });
      await leave("old", min(5));
      await leave("kicked", min(20), "mod@gavel.test");
      await leave("placed", min(22));
      await recordLeave(fresh.db, "other", { callId: "elsewhere", leftAt: min(21), kickedBy: null, kickReason: null });

      const { callout } = await insertCallout(fresh.db, {
        type: "conference",
        request: {},
        destinationType: "number",
        destination: "+12025550143",
        cli: null,
        conferenceId: conf,
        label: "Alice",
        actorId: null,
        actorEmail: null,
      });
      await markPlaced(fresh.db, callout.id, "placed");
      await recordProgress(fresh.db, callout.id, { state: "ended", result: "ANSWERED", reason: "CALLEEHANGUP" });

      const rows = await listRecentLeaves(fresh.db, conf, min(12), 100);
      expect(rows.map((r) => r.callId)).toEqual(["placed", "kicked"]);
      expect(rows[0]).toMatchObject({ label: "Alice", calloutResult: "ANSWERED", calloutReason: "CALLEEHANGUP" });
      expect(rows[1]).toMatchObject({ kickedBy: "mod@gavel.test", kickReason: "noise", calloutReason: null });
      expect(rows[0]!.leftAt).toBe(min(22));
      expect((await listRecentLeaves(fresh.db, conf, min(12), 1)).map((r) => r.callId)).toEqual(["placed"]);
    });
  });
});
