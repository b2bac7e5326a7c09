import { describe, expect, it } from "vitest";
import { engines, freshDbForSuite } from "../testing/db-engines";
import {
  checkLoginAllowed,
  clearLoginFailures,
  loginAttemptKeys,
  recordLoginFailure,
  type LoginRateLimit,
} from "./login-attempts";

const limit: LoginRateLimit = { maxFailures: 5, windowSeconds: 60 };
const T0 = 1_767_225_600_000;
const s = (seconds: number) => T0 + seconds * 1000;

it("loginAttemptKeys counts the lower-cased email and the address", () => {
  expect(loginAttemptKeys({ email: " Ann@X.com ", ip: "10.0.0.1" })).toEqual(["email:ann@x.com", "ip:10.0.0.1"]);
  expect(loginAttemptKeys({ email: "", ip: null })).toEqual([]);
});

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("login rate limit", () => {
    // Two app instances on one database.
    const fresh = freshDbForSuite(engine, { instances: 2 });

    it("blocks a key after 5 failures in the window, counted across instances, until the oldest expires", async () => {
      const [one, two] = fresh.pair;
      const keys = ["email:ann@example.com", "ip:10.0.0.1"];
      for (let i = 0; i < 4; i++) {
        await recordLoginFailure(i % 2 === 0 ? one : two, keys, s(i), limit);
      }
      expect(await checkLoginAllowed(two, keys, s(5), limit)).toEqual({ allowed: true });

      await recordLoginFailure(two, keys, s(10), limit); // the fifth, on the other instance
      expect(await checkLoginAllowed(one, keys, s(11), limit)).toEqual({ allowed: false, retryAfterSeconds: 49 });
      expect(await checkLoginAllowed(one, ["email:ann@example.com"], s(11), limit)).toEqual({
        allowed: false,
        retryAfterSeconds: 49,
      });
      // Another account from another address is not affected.
      expect(await checkLoginAllowed(one, ["email:bob@example.com", "ip:10.0.0.2"], s(11), limit)).toEqual({
        allowed: true,
      });
      // Still blocked just before the first failure (at 0 s) leaves the window...
      expect(await checkLoginAllowed(two, keys, s(59.5), limit)).toEqual({ allowed: false, retryAfterSeconds: 1 });
      // ...and allowed once it has: four remain.
      expect(await checkLoginAllowed(two, keys, s(60), limit)).toEqual({ allowed: true });
    });

    it("holds across a restart of both instances", async () => {
      const one = fresh.db;
      const key = ["email:restart@example.com"];
      for (let i = 0; i < 5; i++) await recordLoginFailure(one, key, s(100 + i), limit);
      await fresh.restart();
      expect(await checkLoginAllowed(fresh.pair[1], key, s(105), limit)).toEqual({
        allowed: false,
        retryAfterSeconds: 55,
      });
    });

    it("waits for the failure whose expiry brings the count under the limit, and for the slowest key", async () => {
      const [one, two] = fresh.pair;
      const email = "email:many@example.com";
      const ip = "ip:10.9.9.9";
      // Seven failures for the email: allowed again when only four remain, i.e. after the third expires.
      for (const sec of [200, 201, 202, 203, 204, 205, 206]) await recordLoginFailure(one, [email], s(sec), limit);
      expect(await checkLoginAllowed(two, [email], s(210), limit)).toEqual({ allowed: false, retryAfterSeconds: 52 });
      // The address was blocked later: it decides.
      for (const sec of [220, 221, 222, 223, 224]) await recordLoginFailure(one, [ip], s(sec), limit);
      expect(await checkLoginAllowed(two, [email, ip], s(225), limit)).toEqual({
        allowed: false,
        retryAfterSeconds: 55,
      });
    });

    it("clearing a key on one instance unblocks it on the other", async () => {
      const [one, two] = fresh.pair;
      const key = ["email:clear@example.com"];
      for (let i = 0; i < 5; i++) await recordLoginFailure(two, key, s(300 + i), limit);
      expect((await checkLoginAllowed(one, key, s(305), limit)).allowed).toBe(false);
      await clearLoginFailures(one, key);
      expect(await checkLoginAllowed(two, key, s(305), limit)).toEqual({ allowed: true });
    });

    it("prunes failures older than the window", async () => {
      const [one, two] = fresh.pair;
      await recordLoginFailure(one, ["email:late@example.com"], s(10_000), limit);
      const rows = await two.kysely.selectFrom("login_attempts").select(["key", "at"]).execute();
      expect(rows).toEqual([{ key: "email:late@example.com", at: s(10_000) }]);
    });

    it("accepts no keys", async () => {
      const one = fresh.db;
      expect(await checkLoginAllowed(one, [], s(0), limit)).toEqual({ allowed: true });
      await recordLoginFailure(one, [], s(0), limit);
      await clearLoginFailures(one, []);
    });
  });
});
