import { describe, expect, it } from "vitest";
import { engines, freshDbForSuite } from "../../testing/db-engines";
import { bucketLimit, type Limits } from "./rate-limit";
import { SHARED_WINDOW_MS, SharedRateLimits } from "./shared-rate-limit";

const limits: Limits = { read: bucketLimit(6), command: bucketLimit(3), callout: null };
// The start of a window.
const T0 = 1_767_225_600_000 - (1_767_225_600_000 % SHARED_WINDOW_MS);

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("shared rate limits", () => {
    // Two app instances on one database.
    const fresh = freshDbForSuite(engine, { instances: 2 });

    it("two instances count into one limit per user and kind, and the limit slides back as the minute passes", async () => {
      const [dbA, dbB] = fresh.pair;
      let t = T0;
      const a = new SharedRateLimits(limits, () => Promise.resolve(dbA), () => t);
      const b = new SharedRateLimits(limits, () => Promise.resolve(dbB), () => t);
      // Six reads a minute, three on each instance: all allowed.
      for (let i = 0; i < 3; i++) {
        expect(await a.take("ann", "read")).toEqual({ ok: true });
        expect(await b.take("ann", "read")).toEqual({ ok: true });
      }
      // The seventh is refused on either instance, and the refusal is not counted.
      t += 10_000;
      expect(await a.take("ann", "read")).toMatchObject({ ok: false, retryAfterSeconds: 50 });
      expect(await b.take("ann", "read")).toMatchObject({ ok: false, retryAfterSeconds: 50 });
      expect(b.blocked("ann", "read")).toBe(true);
      // Other users and other kinds have their own counters.
      expect(await a.take("bob", "read")).toEqual({ ok: true });
      expect(await a.take("ann", "command")).toEqual({ ok: true });
      expect(await a.take("ann", "callout")).toEqual({ ok: true }); // no limit on this kind

      // Half-way through the next minute, half of the last one still counts: three more fit.
      t = T0 + SHARED_WINDOW_MS + SHARED_WINDOW_MS / 2;
      expect(b.blocked("ann", "read")).toBe(false);
      for (let i = 0; i < 3; i++) expect(await (i % 2 ? a : b).take("ann", "read")).toEqual({ ok: true });
      expect(await a.take("ann", "read")).toMatchObject({ ok: false });
    });
  });
});
