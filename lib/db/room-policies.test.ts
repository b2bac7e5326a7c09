import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines, type TestTarget } from "../testing/db-engines";
import { createContact, deleteContact } from "./contacts";
import type { GavelDb } from "./index";
import {
  getRoomPolicy,
  listPolicyRooms,
  listSpeakers,
  setRoomPolicy,
  setSpeakers,
  speakerNumbers,
} from "./room-policies";

const T0 = 1_767_225_600_000;

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("room policies", () => {
    let t: TestTarget;
    let db: GavelDb;
    beforeAll(async () => {
      t = await engine.fresh();
      db = await t.open();
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it("a conference without a row has every policy off", async () => {
      expect(await getRoomPolicy(db, "none")).toEqual({
        conferenceId: "none",
        muteOnEntry: { on: false, setBy: null, setAt: null },
        lobby: { on: false, moh: "music1", setBy: null, setAt: null },
      });
      expect(await listPolicyRooms(db)).toEqual([]);
    });

    it("records who set each policy and when, leaving the other as it was", async () => {
      await setRoomPolicy(db, "weekly", { muteOnEntry: true }, "alice@example.com", T0);
      const p = await setRoomPolicy(db, "weekly", { lobby: { on: true, moh: "music2" } }, "bob@example.com", T0 + 5);
      expect(p.muteOnEntry).toEqual({ on: true, setBy: "alice@example.com", setAt: T0 });
      expect(p.lobby).toEqual({ on: true, moh: "music2", setBy: "bob@example.com", setAt: T0 + 5 });
      expect(await getRoomPolicy(db, "weekly")).toEqual(p);
      await setRoomPolicy(db, "other", { lobby: { on: true, moh: "ring" } }, "bob@example.com", T0);
      expect(await listPolicyRooms(db)).toEqual(["other", "weekly"]);
      await setRoomPolicy(db, "weekly", { muteOnEntry: false, lobby: { on: false, moh: "music2" } }, "c@x.org", T0 + 9);
      expect(await listPolicyRooms(db)).toEqual(["other"]);
      expect((await getRoomPolicy(db, "weekly")).muteOnEntry).toEqual({ on: false, setBy: "c@x.org", setAt: T0 + 9 });
    });

    it("speakers are contacts (all their numbers) or numbers; a deleted contact is no speaker", async () => {
      const ada = await createContact(db, {
        name: "Ada",
        numbers: ["+46701234567", "+46701234568"],
        organisation: null,
        notes: null,
      });
      await setSpeakers(
        db,
        "weekly",
        [{ contactId: ada.id }, { number: "+14155550100" }, { number: "+14155550100" }],
        "alice@example.com",
        T0,
      );
      expect(await listSpeakers(db, "weekly")).toEqual([
        {
          contactId: ada.id,
          name: "Ada",
          numbers: ["+46701234567", "+46701234568"],
          addedBy: "alice@example.com",
          addedAt: T0,
        },
        { contactId: null, name: null, numbers: ["+14155550100"], addedBy: "alice@example.com", addedAt: T0 },
      ]);
      expect([...(await speakerNumbers(db, "weekly"))].sort()).toEqual([
        "+14155550100",
        "+46701234567",
        "+46701234568",
      ]);
      expect(await listSpeakers(db, "other")).toEqual([]);
      await deleteContact(db, ada.id);
      expect([...(await speakerNumbers(db, "weekly"))]).toEqual(["+14155550100"]);
      await setSpeakers(db, "weekly", [], "alice@example.com", T0 + 1);
      expect(await listSpeakers(db, "weekly")).toEqual([]);
    });

    it("refuses a speaker that is neither or both, and a number not in E.164", async () => {
      await expect(setSpeakers(db, "w", [{}], "a@b.c", T0)).rejects.toThrow(/exactly one/);
      await expect(setSpeakers(db, "w", [{ number: "0701" }], "a@b.c", T0)).rejects.toThrow(/E\.164/);
    });
  });
});
