import { describe, expect, it } from "vitest";
import { engines, freshDbForSuite } from "../testing/db-engines";
import { insertAudit, type NewAuditEntry } from "./audit";
import { lastHoldCommands } from "./hold-commands";

const T0 = 1_767_225_600_000;
let seq = 0;
function entry(over: Partial<NewAuditEntry>): NewAuditEntry {
  return {
    at: T0 + seq++,
    actorId: null,
    actorEmail: "ann@gavel.test",
    actorRole: "moderator",
    action: "participant.hold",
    conferenceId: "weekly",
    targetCallId: "c1",
    targetNumber: "+46708168731",
    params: null,
    outcome: "succeeded",
    httpStatus: null,
    sinchErrorCode: null,
    sinchReference: null,
    errorMessage: null,
    latencyMs: null,
    requestId: `r${seq}`,
    clientAddress: null,
    ...over,
  };
}

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("lastHoldCommands", () => {
    const fresh = freshDbForSuite(engine, {
      setup: async (db) => {
        await insertAudit(db, entry({ targetCallId: "c1", params: { moh: "music1" } }));
        await insertAudit(db, entry({ targetCallId: "c1", params: { moh: "music2" } }));
        // Refused: it did not happen, so the music of the hold before stands.
        await insertAudit(db, entry({ targetCallId: "c1", params: { moh: "music3" }, outcome: "failed" }));
        // Another conference, another action: not this call's hold.
        await insertAudit(db, entry({ targetCallId: "c1", conferenceId: "other", params: { moh: "ring" } }));
        await insertAudit(db, entry({ targetCallId: "c1", action: "participant.mute" }));
        await insertAudit(db, entry({ targetCallId: "c2", params: { moh: "ring" }, outcome: "unknown" }));
        await insertAudit(db, entry({ targetCallId: "c2", action: "participant.resume" }));
        await insertAudit(db, entry({ targetCallId: "c3", params: null }));
      },
    });

    it("gives each call's last hold or resume in the conference that Sinch did not refuse", async () => {
      const got = await lastHoldCommands(fresh.db, "weekly", ["c1", "c2", "c3", "c4"]);
      expect(Object.fromEntries([...got].map(([k, v]) => [k, [v.action, v.moh]]))).toEqual({
        c1: ["participant.hold", "music2"],
        c2: ["participant.resume", null],
        c3: ["participant.hold", null],
      });
      expect(await lastHoldCommands(fresh.db, "other", ["c1"])).toEqual(
        new Map([["c1", expect.objectContaining({ moh: "ring" })]]),
      );
      expect((await lastHoldCommands(fresh.db, "weekly", [])).size).toBe(0);
    });
  });
});
