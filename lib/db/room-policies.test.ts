import { describe, expect, it } from "vitest";
import { engines, freshDbForSuite } from "../testing/db-engines";
import { createContact, deleteContact } from "./contacts";
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
    const fresh = freshDbForSuite(engine);

    it("a conference without a row has every policy off", async () => {
      expect(await getRoomPolicy(fresh.db, "none")).toEqual({
        conferenceId: "none",
        muteOnEntry: { on: false, setBy: null, setAt: null },
        lobby: { on: false, moh: "music1", setBy: null, setAt: null },
      });
      expect(await listPolicyRooms(fresh.db)).toEqual([]);
    });

    it("records who set each policy and when, leaving the other as it was", async () => {
      await setRoomPolicy(fresh.db, "weekly", { muteOnEntry: true }, "alice@example.com", T0);
      const p = await setRoomPolicy(
        fresh.db,
        "weekly",
        { lobby: { on: true, moh: "music2" } },
        "bob@example.com",
        T0 + 5,
      );
      expect(p.muteOnEntry).toEqual({ on: true, setBy: "alice@example.com", setAt: T0 });
      expect(p.lobby).toEqual({ on: true, moh: "music2", setBy: "bob@example.com", setAt: T0 + 5 });
      expect(await getRoomPolicy(fresh.db, "weekly")).toEqual(p);
      await setRoomPolicy(fresh.db, "other", { lobby: { on: true, moh: "ring" } }, "bob@example.com", T0);
      expect(await listPolicyRooms(fresh.db)).toEqual(["other", "weekly"]);
      await setRoomPolicy(
        fresh.db,
        "weekly",
        { muteOnEntry: false, lobby: { on: false, moh: "music2" } },
        "c@x.org",
        T0 + 9,
      );
      expect(await listPolicyRooms(fresh.db)).toEqual(["other"]);
      expect((await getRoomPolicy(fresh.db, "weekly")).muteOnEntry).toEqual({
        on: false,
        setBy: "c@x.org",
        setAt: T0 + 9,
      });
    });

    it("speakers are contacts (all their numbers) or numbers; a deleted contact is no speaker", async () => {
      const ada = await createContact(fresh.db, {
        name: "Ada",
        numbers: ["+46701234567", "+46701234568"],
        organisation: null,
        notes: null,
      });
      await setSpeakers(
        fresh.db,
        "weekly",
        [{ contactId: ada.id }, { number: "+14155550100" }, { number: "+14155550100" }],
        "alice@example.com",
        T0,
      );
      expect(await listSpeakers(fresh.db, "weekly")).toEqual([
        {
          contactId: ada.id,
          name: "Ada",
          numbers: ["+46701234567", "+46701234568"],
          addedBy: "alice@example.com",
          addedAt: T0,
        },
        { contactId: null, name: null, numbers: ["+14155550100"], addedBy: "alice@example.com", addedAt: T0 },
      ]);
      expect([...(await speakerNumbers(fresh.db, "weekly"))].sort()).toEqual([
        "+14155550100",
        "+46701234567",
        "+46701234568",
      ]);
      expect(await listSpeakers(fresh.db, "other")).toEqual([]);
      await deleteContact(fresh.db, ada.id);
      expect([...(await speakerNumbers(fresh.db, "weekly"))]).toEqual(["+14155550100"]);
      await setSpeakers(fresh.db, "weekly", [], "alice@example.com", T0 + 1);
      expect(await listSpeakers(fresh.db, "weekly")).toEqual([]);
    });

    it("refuses a speaker that is neither or both, and a number not in E.164", async () => {
      await expect(setSpeakers(fresh.db, "w", [{}], "a@b.c", T0)).rejects.toThrow(/exactly one/);
      await expect(setSpeakers(fresh.db, "w", [{ number: "0701" }], "a@b.c", T0)).rejects.toThrow(/E\.164/);
    });
  });
});
