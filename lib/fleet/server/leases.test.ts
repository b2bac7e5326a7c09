import { describe, expect, it } from "vitest";
import { leaseHolder, takeLease } from "../../db/fleet-leases";
import { engines, freshDbForSuite } from "../../testing/db-engines";
import { createLeases } from "./leases";

const T0 = 1_767_225_600_000;
const TTL = 20_000;

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("fleet leases", () => {
    // Two app instances on one database.
    const fresh = freshDbForSuite(engine, { instances: 2 });

    it("takes a free job, renews it, refuses it to a second holder, and lets it be taken over once expired", async () => {
      const [one, two] = fresh.pair;
      const taken = await takeLease(one, "job:a", "A", TTL, T0);
      expect(taken).toMatchObject({ held: true, expiresAt: T0 + TTL, takenOverFrom: null });

      // Renewal: same holder, before expiry, pushes the expiry on.
      const renewed = await takeLease(two, "job:a", "A", TTL, T0 + 5_000);
      expect(renewed).toEqual({ held: true, expiresAt: T0 + 5_000 + TTL, holder: "A" });

      // A second holder is refused while the lease runs, and told until when.
      expect(await takeLease(two, "job:a", "B", TTL, T0 + 24_999)).toEqual({
        held: false,
        expiresAt: T0 + 5_000 + TTL,
        holder: "A",
      });
      expect(await leaseHolder(one, "job:a", T0 + 24_999)).toBe("A");

      // Once it expired (A died), B takes it over and learns when A last renewed.
      expect(await takeLease(two, "job:a", "B", TTL, T0 + 25_000)).toMatchObject({
        held: true,
        takenOverFrom: { holder: "A", renewedAt: T0 + 5_000 },
      });
      expect(await takeLease(one, "job:a", "A", TTL, T0 + 26_000)).toMatchObject({ held: false, holder: "B" });
      expect(await leaseHolder(two, "job:a", T0 + 26_000)).toBe("B");
    });

    it("two instances' lease clients: only one holds a job at a time, the other takes over after expiry", async () => {
      const [one, two] = fresh.pair;
      let t = T0;
      const a = createLeases({ db: () => Promise.resolve(one), holder: "A", ttlMs: TTL, now: () => t });
      const b = createLeases({ db: () => Promise.resolve(two), holder: "B", ttlMs: TTL, now: () => t });
      expect((await a.hold("policy:room-1")).held).toBe(true);
      expect((await b.hold("policy:room-1")).held).toBe(false);
      // A renews while it works (every round); B keeps being refused.
      for (let i = 0; i < 5; i++) {
        t += 8_000;
        expect((await a.hold("policy:room-1")).held).toBe(true);
        expect((await b.hold("policy:room-1")).held).toBe(false);
      }
      expect(a.heldByKind()).toEqual(new Map([["policy", 1]]));
      expect(b.heldByKind()).toEqual(new Map());
      // A stops renewing (it died); after the TTL, B takes over.
      t += TTL;
      const took = await b.hold("policy:room-1");
      expect(took.held).toBe(true);
      expect(took.takenOverFrom?.holder).toBe("A");
      expect((await a.hold("policy:room-1")).held).toBe(false);
      // Released: the other may take it at once.
      await b.release("policy:room-1");
      t += 1;
      const c = createLeases({ db: () => Promise.resolve(one), holder: "C", ttlMs: TTL, now: () => t });
      expect((await c.hold("policy:room-1")).held).toBe(true);
    });

    it("claims for an interval: each job is claimed by one instance per interval", async () => {
      const [one, two] = fresh.pair;
      let t = T0 + 1_000_000;
      const a = createLeases({ db: () => Promise.resolve(one), holder: "A", now: () => t });
      const b = createLeases({ db: () => Promise.resolve(two), holder: "B", now: () => t });
      const jobs = ["callout:1", "callout:2", "callout:3"];
      const [gotA, gotB] = await Promise.all([a.claim(jobs, 1000), b.claim(jobs, 1000)]);
      expect([...gotA, ...gotB].sort()).toEqual(jobs);
      expect([...gotA].filter((j) => gotB.has(j))).toEqual([]);
      t += 1000;
      expect([...(await b.claim(jobs, 1000))].sort()).toEqual(jobs);
      expect(await a.claim(jobs, 1000)).toEqual(new Set());
    });
  });
});
