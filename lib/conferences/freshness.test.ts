import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { freshness, freshnessHeadline, freshnessTitlePrefix } from "./freshness";

const base = { receivedAt: 10_000, error: null, errorAt: 0, fetching: false, pollIntervalMs: 2000 };

describe("freshness", () => {
  it("is live only while the last list is younger than two poll windows", () => {
    expect(freshness({ ...base, now: 13_999 }).state).toBe("live");
    expect(freshness({ ...base, now: 14_000 }).state).toBe("stale");
  });

  it("says Gavel is waiting for Sinch while a poll is stuck inside one request", () => {
    const f = freshness({ ...base, fetching: true, now: 18_000 });
    expect(f).toEqual({ state: "waiting", reason: "no answer yet", retryInSeconds: null, ageMs: 8000 });
    expect(freshnessTitlePrefix(f)).toBe("Waiting: ");
  });

  it("counts Sinch's Retry-After down from when the answer arrived", () => {
    const error = new ApiError("rate_limited", "Sinch is rate limiting Gavel.", { retryAfterSeconds: 8 });
    const at = (now: number) => freshness({ ...base, error, errorAt: 12_000, now });
    expect(freshnessHeadline(at(12_000))).toBe("Waiting for Sinch: rate limited, retrying in 8 s");
    expect(freshnessHeadline(at(14_100))).toBe("Waiting for Sinch: rate limited, retrying in 6 s");
    expect(freshnessHeadline(at(21_000))).toBe("Waiting for Sinch: rate limited, retrying now");
  });

  it("is stale with the reason on any other failed poll, however young the list", () => {
    const f = freshness({ ...base, error: new Error("Sinch: overloaded"), errorAt: 11_000, now: 11_000 });
    expect(f).toEqual({ state: "stale", reason: "Sinch: overloaded", ageMs: 1000 });
    expect(freshnessHeadline(f)).toBe("Stale: Sinch: overloaded");
  });

  it("is connecting before the first list", () => {
    expect(freshness({ ...base, receivedAt: undefined, now: 50_000 }).state).toBe("connecting");
  });
});
