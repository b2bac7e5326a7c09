import { describe, expect, it } from "vitest";
import { LOGIN_ATTEMPTS_KEPT_SECONDS } from "../db/login-attempts";
import {
  ACCOUNT_WINDOW_SECONDS,
  AddressGate,
  MAX_ACCOUNT_DELAY_SECONDS,
  accountDelaySeconds,
} from "./sign-in-throttle";

describe("the account-wide delay for clients the account does not know", () => {
  const now = 10_000_000;
  it("lets the first failures through, then makes each try wait longer after the latest failure", () => {
    const failures = (n: number) => Array.from({ length: n }, (_, i) => now - 1000 * (n - i));
    expect(accountDelaySeconds(failures(9), 10, now)).toEqual({ allowed: true });
    // 10 failures, the latest 1 s ago: wait 1 s after it, so allowed now.
    expect(accountDelaySeconds(failures(10), 10, now)).toEqual({ allowed: true });
    // 13 failures: 2^3 = 8 s after the latest (1 s ago): 7 s more.
    expect(accountDelaySeconds(failures(13), 10, now)).toEqual({ allowed: false, retryAfterSeconds: 7 });
  });

  it("is a delay, never a lock: capped, and allowed once the wait is over", () => {
    const many = Array.from({ length: 200 }, (_, i) => now - 200 + i);
    const r = accountDelaySeconds(many, 10, now);
    expect(r.allowed).toBe(false);
    expect(!r.allowed && r.retryAfterSeconds).toBeLessThanOrEqual(MAX_ACCOUNT_DELAY_SECONDS);
    expect(accountDelaySeconds(many, 10, now + MAX_ACCOUNT_DELAY_SECONDS * 1000)).toEqual({ allowed: true });
  });

  it("forgets failures older than the window, which the database keeps at least that long", () => {
    const old = Array.from({ length: 50 }, () => now - ACCOUNT_WINDOW_SECONDS * 1000 - 1);
    expect(accountDelaySeconds(old, 10, now)).toEqual({ allowed: true });
    expect(LOGIN_ATTEMPTS_KEPT_SECONDS).toBeGreaterThanOrEqual(ACCOUNT_WINDOW_SECONDS);
  });
});

describe("the in-memory gate before any database read or hash", () => {
  const options = { maxFailures: 3, windowMs: 60_000, maxInFlight: 2 };

  it("refuses a key whose failures reach the limit, with the wait until the oldest leaves the window", () => {
    const gate = new AddressGate(options);
    for (let i = 0; i < 3; i++) {
      const t = gate.enter("ip:a", 1000 + i);
      if (!t.allowed) throw new Error("refused too early");
      t.finish("failed", 1000 + i);
    }
    expect(gate.enter("ip:a", 2000)).toEqual({ allowed: false, retryAfterSeconds: 59 });
    // Another address is not affected.
    expect(gate.enter("ip:b", 2000).allowed).toBe(true);
    // Once the oldest failure leaves the window, one more try.
    expect(gate.enter("ip:a", 61_001).allowed).toBe(true);
  });

  it("counts attempts still running, and gives a success's slot back", () => {
    const gate = new AddressGate(options);
    const a = gate.enter("ip:a", 0);
    const b = gate.enter("ip:a", 0);
    expect(gate.enter("ip:a", 0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    if (!a.allowed || !b.allowed) throw new Error("refused too early");
    a.finish("done");
    b.finish("done");
    for (let i = 0; i < 10; i++) {
      const t = gate.enter("ip:a", 0);
      expect(t.allowed).toBe(true);
      if (t.allowed) t.finish("done");
    }
  });
});
