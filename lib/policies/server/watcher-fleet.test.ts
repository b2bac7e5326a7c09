/**
 * The room policies watcher with several instances: two watchers ("instances") over
 * one database's leases watch one room; only the lease holder reads the list and acts,
 * and when it dies the other takes the room over and still mutes whoever joined since
 * the dead one last renewed. Lists, commands and the clock are fakes; rounds are
 * driven by calling `tick`.
 */
import { describe, expect, it } from "vitest";
import type { ConferenceLive, LiveParticipant } from "../../conferences/types";
import { createLeases } from "../../fleet/server/leases";
import { engines, freshDbForSuite } from "../../testing/db-engines";
import { createPolicyWatcher, type PolicyWatcher } from "./watcher";

const T0 = 1_767_225_600_000;
const TTL = 20_000;

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("policy watcher, two instances", () => {
    const fresh = freshDbForSuite(engine, { instances: 2 });

    it("only the lease holder acts; after it dies the other takes over and mutes those who joined since", async () => {
      let t = T0;
      // The room as Sinch lists it: who joined when (epoch ms).
      const room = new Map<string, { joinedAt: number; muted: boolean }>([["c-1", { joinedAt: T0, muted: false }]]);
      const live = (): ConferenceLive => ({
        conferenceId: "room",
        fetchedAt: new Date(t).toISOString(),
        participants: [...room].map(
          ([callId, p]): LiveParticipant => ({
            callId,
            cli: `+4670000000${callId.slice(2)}`,
            duration: Math.round((t - p.joinedAt) / 1000),
            muted: p.muted,
            onhold: false,
            label: null,
          }),
        ),
      });
      const muted: { by: string; callId: string }[] = [];
      const [dbA, dbB] = fresh.pair;
      const instance = (name: string, database: typeof dbA): PolicyWatcher => {
        const leases = createLeases({ db: () => Promise.resolve(database), holder: name, ttlMs: TTL, now: () => t });
        return createPolicyWatcher({
          getLive: () => Promise.resolve(live()),
          loadPolicy: () =>
            Promise.resolve({
              muteOnEntry: { on: true, setBy: "alice" },
              lobby: { on: false, moh: "music1", setBy: null },
              speakers: new Set<string>(),
            }),
          mute: (_id, p) => {
            muted.push({ by: name, callId: p.callId });
            const r = room.get(p.callId);
            if (r) r.muted = true;
            return Promise.resolve();
          },
          hold: () => Promise.resolve(),
          windowMs: () => 1e9, // rounds are driven by tick()
          idleStopMs: () => 1e9,
          concurrency: () => 4,
          now: () => t,
          lease: (id) => leases.hold(`policy:${id}`),
          releaseLease: (id) => void leases.release(`policy:${id}`),
        });
      };
      const a = instance("A", dbA);
      const b = instance("B", dbB);
      await a.start("room");
      await b.start("room");

      // A joiner: only A (the holder) mutes them, once.
      t += 1000;
      room.set("c-2", { joinedAt: t, muted: false });
      t += 1000;
      await a.tick("room");
      await b.tick("room");
      expect(muted).toEqual([{ by: "A", callId: "c-2" }]);

      // A dies (no more rounds). Someone joins before its lease expires: nobody acts yet.
      t += 5000;
      room.set("c-3", { joinedAt: t, muted: false });
      await b.tick("room");
      expect(muted).toHaveLength(1);

      // Once A's lease expired, B takes the room over and mutes the joiner A never saw, not the others.
      t += TTL;
      await b.tick("room");
      expect(muted).toEqual([
        { by: "A", callId: "c-2" },
        { by: "B", callId: "c-3" },
      ]);
      expect(room.get("c-1")?.muted).toBe(false);

      a.stopAll();
      b.stopAll();
    });
  });
});
