/** The callout budget's ledger on both engines: all or none, across instances, refunds. */
import { describe, expect, it } from "vitest";
import { engines, freshDbForSuite } from "../testing/db-engines";
import { refundCallouts, reserveCallouts, type CalloutBudget } from "./callout-spend";

const budget: CalloutBudget = { perWindow: 10, windowMs: 60_000 };
const T0 = 1_767_225_600_000;
const s = (seconds: number) => T0 + seconds * 1000;

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("callout budget", () => {
    // Two app instances on one database.
    const fresh = freshDbForSuite(engine, { instances: 2 });

    it("reserves all or none, counted across instances, and says when the whole request fits", async () => {
      const [one, two] = fresh.pair;
      expect(await reserveCallouts(one, "ann", 4, budget, s(0))).toMatchObject({ ok: true });
      expect(await reserveCallouts(two, "ann", 3, budget, s(10))).toMatchObject({ ok: true });
      // 7 spent, 3 left: 5 is refused whole; it fits once the 4 of s(0) leave the window.
      expect(await reserveCallouts(two, "ann", 5, budget, s(20))).toEqual({
        ok: false,
        remaining: 3,
        retryAfterMs: 40_000,
      });
      // The refusal spent nothing: 3 still fit.
      expect(await reserveCallouts(one, "ann", 3, budget, s(20))).toMatchObject({ ok: true });
      expect(await reserveCallouts(one, "ann", 1, budget, s(21))).toMatchObject({ ok: false, remaining: 0 });
      // Another user has a budget of their own.
      expect(await reserveCallouts(one, "bob", 10, budget, s(21))).toMatchObject({ ok: true });
      // A minute after the first, its 4 are back.
      expect(await reserveCallouts(two, "ann", 4, budget, s(60))).toMatchObject({ ok: true });
    });

    it("never fits more than the whole budget at once (retryAfterMs null)", async () => {
      const one = fresh.db;
      expect(await reserveCallouts(one, "cat", 11, budget, s(0))).toEqual({
        ok: false,
        remaining: 10,
        retryAfterMs: null,
      });
    });

    it("gives back what a reservation did not place", async () => {
      const [one, two] = fresh.pair;
      const r = await reserveCallouts(one, "dan", 10, budget, s(0));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect((await reserveCallouts(one, "dan", 1, budget, s(1))).ok).toBe(false);
      await refundCallouts(two, r.id, 2);
      expect(await reserveCallouts(one, "dan", 2, budget, s(2))).toMatchObject({ ok: true });
      await refundCallouts(two, r.id, 50);
      expect(await reserveCallouts(one, "dan", 8, budget, s(3))).toMatchObject({ ok: true });
    });

    it("lets concurrent reservations of one user past the budget never, whichever instance they reach", async () => {
      const [one, two] = fresh.pair;
      // SQLite's driver is synchronous: two connections in one thread cannot wait for
      // each other, so its instances race in separate processes only; one process
      // queues its own transactions on its one connection.
      const pick = (i: number) => (engine.name === "sqlite" || i % 2 ? one : two);
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => reserveCallouts(pick(i), "eve", 1, budget, s(0))),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(10);
    });
  });
});
