import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { engines, freshDbForSuite } from "../testing/db-engines";
import { getConference, listConferences, recordSnapshot, setDisplayName, setPinned, upsertSeen } from "./conferences";
import { NotFoundError } from "./errors";

const T0 = 1_767_225_600_000;
const s = (seconds: number) => T0 + seconds * 1000;

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("conferences", () => {
    const fresh = freshDbForSuite(engine);

    it("upsertSeen creates a conference once, then only moves last_seen_at forward", async () => {
      const first = await upsertSeen(fresh.db, "weekly-sync", "opened", s(0));
      expect(first).toEqual({
        conferenceId: "weekly-sync",
        displayName: null,
        pinned: false,
        source: "opened",
        firstSeenAt: s(0),
        lastSeenAt: s(0),
        lastConnectedAt: null,
        lastParticipantCount: 0,
        lastMutedCount: 0,
        lastOnholdCount: 0,
        updatedAt: s(0),
        // Opened, never read: its zeros are no count.
        lastPolledAt: null,
      });
      const again = await upsertSeen(fresh.db, "weekly-sync", "callout", s(10));
      expect(again).toMatchObject({ source: "opened", firstSeenAt: s(0), lastSeenAt: s(10) });
      const late = await upsertSeen(fresh.db, "weekly-sync", "opened", s(5)); // another instance, out of order
      expect(late.lastSeenAt).toBe(s(10));
      expect(await getConference(fresh.db, "weekly-sync")).toEqual(late);
      expect(await getConference(fresh.db, "nope")).toBeUndefined();
    });

    it("recordSnapshot stores counts and when someone was last connected", async () => {
      const snap = await recordSnapshot(fresh.db, "weekly-sync", { count: 3, muted: 1, onhold: 1, at: s(20) });
      expect(snap).toMatchObject({
        lastParticipantCount: 3,
        lastMutedCount: 1,
        lastOnholdCount: 1,
        lastSeenAt: s(20),
        lastConnectedAt: s(20),
        lastPolledAt: s(20),
      });
      const empty = await recordSnapshot(fresh.db, "weekly-sync", { count: 0, muted: 0, onhold: 0, at: s(30) });
      expect(empty).toMatchObject({
        lastParticipantCount: 0,
        lastSeenAt: s(30),
        lastConnectedAt: s(20),
        lastPolledAt: s(30),
      });
      const stale = await recordSnapshot(fresh.db, "weekly-sync", { count: 2, muted: 0, onhold: 0, at: s(25) });
      expect(stale).toMatchObject({
        lastParticipantCount: 2,
        lastSeenAt: s(30),
        lastConnectedAt: s(25),
        lastPolledAt: s(30),
      });
      await expect(
        recordSnapshot(fresh.db, "weekly-sync", { count: -1, muted: 0, onhold: 0, at: s(40) }),
      ).rejects.toThrow(RangeError);
    });

    it("recordSnapshot creates a conference it has not seen", async () => {
      const c = await recordSnapshot(fresh.db, "walk-in", { count: 1, muted: 0, onhold: 0, at: s(35) }, "sandbox");
      expect(c).toMatchObject({ source: "sandbox", firstSeenAt: s(35), lastSeenAt: s(35), lastConnectedAt: s(35) });
      // Opening it again is not a reading: when it was last read stays.
      const opened = await upsertSeen(fresh.db, "walk-in", "opened", s(36));
      expect(opened).toMatchObject({ lastSeenAt: s(36), lastPolledAt: s(35) });
    });

    it("lists pinned conferences first, then the most recently seen", async () => {
      await upsertSeen(fresh.db, "old-pinned", "callout", s(1));
      await upsertSeen(fresh.db, "newest", "opened", s(50));
      await upsertSeen(fresh.db, "tie-b", "opened", s(40));
      await upsertSeen(fresh.db, "tie-a", "opened", s(40));
      await setPinned(fresh.db, "old-pinned", true);
      expect((await listConferences(fresh.db)).map((c) => c.conferenceId)).toEqual([
        "old-pinned",
        "newest",
        "tie-a",
        "tie-b",
        "walk-in",
        "weekly-sync",
      ]);
      expect((await listConferences(fresh.db, { limit: 2 })).map((c) => c.conferenceId)).toEqual([
        "old-pinned",
        "newest",
      ]);
      expect((await setPinned(fresh.db, "old-pinned", false)).pinned).toBe(false);
      expect((await listConferences(fresh.db)).at(-1)?.conferenceId).toBe("old-pinned");
    });

    it("sets and clears display names", async () => {
      expect((await setDisplayName(fresh.db, "weekly-sync", "  Weekly sync ", s(60))).displayName).toBe("Weekly sync");
      expect((await setDisplayName(fresh.db, "weekly-sync", "   ")).displayName).toBeNull();
      await expect(setDisplayName(fresh.db, "weekly-sync", "x".repeat(101))).rejects.toBeInstanceOf(ZodError);
      await expect(setDisplayName(fresh.db, "missing", "X")).rejects.toBeInstanceOf(NotFoundError);
      await expect(setPinned(fresh.db, "missing", true)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("refuses conference ids Sinch would refuse", async () => {
      await expect(upsertSeen(fresh.db, "x".repeat(65), "opened")).rejects.toBeInstanceOf(ZodError);
      await expect(upsertSeen(fresh.db, "", "opened")).rejects.toBeInstanceOf(ZodError);
      expect((await upsertSeen(fresh.db, "x".repeat(64), "opened")).conferenceId).toHaveLength(64);
    });
  });
});
