/** The token buckets behind the API's rate limits, against a clock the test moves. */
import { describe, expect, it } from "vitest";
import { endpointKind } from "../endpoint";
import { bucketLimit, SWEEP_ABOVE, TokenBuckets, type Limits } from "./rate-limit";

function clock(start = 1_767_225_600_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

// 60 a minute: one a second, bursts of 10.
const limits: Limits = { read: bucketLimit(60), command: bucketLimit(6), callout: null };

describe("bucketLimit", () => {
  it("holds ten seconds' worth, at least one, and is off at 0", () => {
    expect(bucketLimit(3000)).toEqual({ perMinute: 3000, burst: 500 });
    expect(bucketLimit(600)).toEqual({ perMinute: 600, burst: 100 });
    expect(bucketLimit(1)).toEqual({ perMinute: 1, burst: 1 });
    expect(bucketLimit(0)).toBeNull();
  });
});

describe("endpointKind", () => {
  it("takes the endpoint's kind, else GET reads and the rest commands", () => {
    expect(endpointKind({ method: "GET" })).toBe("read");
    expect(endpointKind({ method: "PATCH" })).toBe("command");
    expect(endpointKind({ method: "DELETE" })).toBe("command");
    expect(endpointKind({ method: "POST", kind: "callout" })).toBe("callout");
  });
});

describe("TokenBuckets", () => {
  it("lets a burst through, then refuses with the seconds until the next request may go", () => {
    const c = clock();
    const b = new TokenBuckets(limits, c.now);
    for (let i = 0; i < 10; i++) expect(b.take("ann", "read")).toEqual({ ok: true });
    expect(b.take("ann", "read")).toEqual({ ok: false, retryAfterSeconds: 1, limit: { perMinute: 60, burst: 10 } });
    c.advance(999);
    expect(b.take("ann", "read").ok).toBe(false);
    c.advance(1);
    expect(b.take("ann", "read").ok).toBe(true);
    expect(b.take("ann", "read").ok).toBe(false);
  });

  it("refills continuously at the rate, never past the burst", () => {
    const c = clock();
    const b = new TokenBuckets(limits, c.now);
    for (let i = 0; i < 10; i++) b.take("ann", "read");
    c.advance(3600_000);
    let taken = 0;
    while (b.take("ann", "read").ok) taken++;
    expect(taken).toBe(10);
    // Sustained: one a second goes through forever.
    for (let i = 0; i < 30; i++) {
      c.advance(1000);
      expect(b.take("ann", "read").ok).toBe(true);
    }
  });

  it("says how long a slow limit takes to refill one request", () => {
    const c = clock();
    const b = new TokenBuckets(limits, c.now); // commands: 6 a minute, burst 1
    expect(b.take("ann", "command").ok).toBe(true);
    expect(b.take("ann", "command")).toMatchObject({ ok: false, retryAfterSeconds: 10 });
    c.advance(4000);
    expect(b.take("ann", "command")).toMatchObject({ ok: false, retryAfterSeconds: 6 });
  });

  it("keeps users and kinds apart, and a kind that is off never refuses", () => {
    const c = clock();
    const b = new TokenBuckets(limits, c.now);
    for (let i = 0; i < 10; i++) b.take("ann", "read");
    expect(b.take("ann", "read").ok).toBe(false);
    expect(b.take("bob", "read").ok).toBe(true);
    expect(b.take("ann", "command").ok).toBe(true);
    for (let i = 0; i < 1000; i++) expect(b.take("ann", "callout").ok).toBe(true);
  });
});

describe("TokenBuckets' memory", () => {
  it("stays bounded as users come and go: refilled buckets are dropped, partly used ones kept", () => {
    const c = clock();
    const b = new TokenBuckets(limits, c.now);
    for (let i = 0; i < 5 * SWEEP_ABOVE; i++) b.take(`user-${i}`, "read");
    // Just used: none has refilled yet, so none may be dropped (dropping would refill it).
    expect(b.size).toBe(5 * SWEEP_ABOVE);
    for (let i = 0; i < 10; i++) b.take("busy", "read");
    // Ten seconds later every one of them is full again (bursts of 10 at one a second), but "busy" is in use.
    c.advance(9_000);
    b.take("busy", "read");
    expect(b.size).toBe(1);
    // A dropped user starts from a full bucket, as before.
    for (let i = 0; i < 10; i++) expect(b.take("user-1", "read").ok).toBe(true);
    expect(b.take("user-1", "read").ok).toBe(false);
  });
});
