import { describe, expect, it } from "vitest";
import { engines, freshDbForSuite } from "../testing/db-engines";
import { recordJoins, recordLeave } from "./attendance";
import { insertAudit } from "./audit";
import { searchConferences, type ConferenceSearch } from "./conference-search";
import { deleteConference, getConference, recordSnapshot, setDisplayName, setPinned, upsertSeen } from "./conferences";
import { createContact } from "./contacts";

const T0 = 1_767_225_600_000;
const N = 64;
const id = (i: number) => `room-${String(i).padStart(3, "0")}`;

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("searchConferences", () => {
    const fresh = freshDbForSuite(engine, {
      setup: async (db) => {
        // 64 rooms seen one second apart: even ones read with someone connected, odd ones
        // read empty, every tenth never read at all.
        for (let i = 0; i < N; i++) {
          const at = T0 + i * 1000;
          if (i % 10 === 0) await upsertSeen(db, id(i), "opened", at);
          else await recordSnapshot(db, id(i), { count: i % 2 === 0 ? 3 : 0, muted: 0, onhold: 0, at });
        }
        await setDisplayName(db, id(7), "Board Meeting (quarterly)");
        await setPinned(db, id(3), true);
        await setPinned(db, id(41), true);
        // Who is connected at Gavel's last look in room 12; someone who left room 14.
        await recordJoins(db, id(12), [
          { callId: "c1", number: "+46708168731", label: null, joinedAt: T0 },
          { callId: "c2", number: "+447700900123", label: "Guest speaker", joinedAt: T0 },
        ]);
        await recordJoins(db, id(14), [{ callId: "c3", number: "+15551234567", label: null, joinedAt: T0 }]);
        await recordLeave(db, id(14), { callId: "c3", leftAt: T0 + 5, kickedBy: null, kickReason: null });
        await createContact(db, { name: "Åsa Lindqvist", numbers: ["+46708168731"], organisation: null, notes: null });
        for (const conferenceId of [id(20), id(22)]) {
          await insertAudit(db, {
            at: T0,
            actorId: null,
            actorEmail: "ann@gavel.test",
            actorRole: "moderator",
            action: "participant.mute",
            conferenceId,
            targetCallId: null,
            targetNumber: null,
            params: null,
            outcome: "succeeded",
            httpStatus: null,
            sinchErrorCode: null,
            sinchReference: null,
            errorMessage: null,
            latencyMs: null,
            requestId: `r-${conferenceId}`,
            clientAddress: null,
          });
        }
      },
    });
    const ids = async (s: ConferenceSearch) =>
      (await searchConferences(fresh.db, s)).conferences.map((c) => c.conferenceId);

    it("lists every room, pinned first, then the most recently seen", async () => {
      const all = await searchConferences(fresh.db);
      expect(all.total).toBe(N);
      expect(all.conferences.map((c) => c.conferenceId).slice(0, 4)).toEqual([id(41), id(3), id(63), id(62)]);
    });

    it("finds by id or display name, in any case", async () => {
      expect(await ids({ text: "ROOM-05" })).toEqual([
        id(59),
        id(58),
        id(57),
        id(56),
        id(55),
        id(54),
        id(53),
        id(52),
        id(51),
        id(50),
      ]);
      expect(await ids({ text: "board meeting" })).toEqual([id(7)]);
      // LIKE's wildcards are text here.
      expect(await ids({ text: "%" })).toEqual([]);
      expect(await ids({ text: "(quarterly)" })).toEqual([id(7)]);
    });

    it("finds by who was connected at the last look: digits, a label, a contact's name", async () => {
      expect(await ids({ text: "0816 87" })).toEqual([id(12)]);
      expect(await ids({ text: "guest" })).toEqual([id(12)]);
      expect(await ids({ text: "asa lind" })).toEqual([id(12)]);
      // Someone who has left is not in the room any more.
      expect(await ids({ text: "5551234" })).toEqual([]);
      // Digits inside an id-like text are not a number: they match no caller.
      expect(await ids({ text: "hm-0816-87" })).toEqual([]);
      expect(await ids({ text: "+46 (70) 816-87" })).toEqual([id(12)]);
    });

    it("filters: live, ended, pinned, mine", async () => {
      const live = await ids({ show: "live" });
      expect(live).toHaveLength(25);
      expect(live.every((c) => Number(c.slice(5)) % 2 === 0 && Number(c.slice(5)) % 10 !== 0)).toBe(true);
      const ended = await ids({ show: "ended" });
      expect(ended).toHaveLength(32);
      expect(ended[0]).toBe(id(41));
      expect(await ids({ show: "pinned" })).toEqual([id(41), id(3)]);
      expect(await ids({ show: "mine", actorEmail: "ann@gavel.test" })).toEqual([id(22), id(20)]);
      expect(await ids({ show: "mine", actorEmail: "bob@gavel.test" })).toEqual([]);
      expect(await ids({ show: "mine" })).toEqual([]);
      // Text and filter together.
      expect(await ids({ text: "room-01", show: "live" })).toEqual([id(18), id(16), id(14), id(12)]);
    });

    it("a forgotten room leaves the list (its audit entries stay) and comes back as new when seen again", async () => {
      const gone = await deleteConference(fresh.db, id(7));
      expect(gone?.displayName).toBe("Board Meeting (quarterly)");
      expect(await getConference(fresh.db, id(7))).toBeUndefined();
      expect((await searchConferences(fresh.db)).total).toBe(N - 1);
      expect(await deleteConference(fresh.db, id(7))).toBeUndefined();
      const back = await upsertSeen(fresh.db, id(7), "opened", T0 + 99_000);
      expect(back).toMatchObject({ displayName: null, pinned: false, firstSeenAt: T0 + 99_000 });
      expect((await ids({ show: "mine", actorEmail: "ann@gavel.test" })).length).toBe(2);
    });
  });
});
