import { describe, expect, it } from "vitest";
import { engines, freshDbForSuite } from "../testing/db-engines";
import { recordJoins, recordLeave } from "./attendance";
import { addInvites, listInvites, removeInvites, seenNumbers, TooManyInvitesError } from "./invites";
import { INVITES_MAX } from "../vocabulary/invites";

const T0 = 1_767_225_600_000;
const A = "+442079460001";
const B = "+442079460002";
const C = "+12025550143";

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("conference invites", () => {
    const fresh = freshDbForSuite(engine);

    it("adds numbers once per conference, keeps the first label, lists them in order, removes them", async () => {
      expect(
        await addInvites(
          fresh.db,
          "inv-1",
          [
            { number: A, label: "Ann" },
            { number: B, label: null },
          ],
          "sup@gavel.test",
          T0,
        ),
      ).toEqual({ added: [A, B], already: [] });
      expect(
        await addInvites(
          fresh.db,
          "inv-1",
          [
            { number: A, label: "Other" },
            { number: C, label: null },
          ],
          null,
          T0 + 1,
        ),
      ).toEqual({ added: [C], already: [A] });
      // Another conference has a list of its own.
      await addInvites(fresh.db, "inv-2", [{ number: A, label: null }], null, T0);
      expect(await listInvites(fresh.db, "inv-1")).toEqual([
        { conferenceId: "inv-1", number: A, label: "Ann", addedBy: "sup@gavel.test", addedAt: T0 },
        { conferenceId: "inv-1", number: B, label: null, addedBy: "sup@gavel.test", addedAt: T0 },
        { conferenceId: "inv-1", number: C, label: null, addedBy: null, addedAt: T0 + 1 },
      ]);
      expect(await removeInvites(fresh.db, "inv-1", [B, "+15550000000"])).toEqual([B]);
      expect((await listInvites(fresh.db, "inv-1")).map((i) => i.number)).toEqual([A, C]);
      expect((await listInvites(fresh.db, "inv-2")).map((i) => i.number)).toEqual([A]);
    });

    it("refuses a number that is not E.164 and a list longer than the limit, storing nothing", async () => {
      await expect(addInvites(fresh.db, "inv-3", [{ number: "020 7946 0001", label: null }], null)).rejects.toThrow(
        /E\.164/,
      );
      const many = Array.from({ length: INVITES_MAX + 1 }, (_, i) => ({
        number: `+1202555${String(i).padStart(4, "0")}`,
        label: null,
      }));
      await expect(addInvites(fresh.db, "inv-3", many, null)).rejects.toBeInstanceOf(TooManyInvitesError);
      expect(await listInvites(fresh.db, "inv-3")).toEqual([]);
    });

    it("says which numbers attendance ever saw in the conference, connected or gone", async () => {
      await recordJoins(fresh.db, "inv-4", [
        { callId: "c1", number: A, label: null, joinedAt: T0 },
        { callId: "c2", number: B, label: null, joinedAt: T0 },
      ]);
      await recordLeave(fresh.db, "inv-4", { callId: "c2", leftAt: T0 + 10, kickedBy: null, kickReason: null });
      await recordJoins(fresh.db, "inv-5", [{ callId: "c3", number: C, label: null, joinedAt: T0 }]);
      expect([...(await seenNumbers(fresh.db, "inv-4", [A, B, C]))].sort()).toEqual([A, B]);
    });
  });
});
