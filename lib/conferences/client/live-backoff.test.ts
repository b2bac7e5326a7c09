import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import { HIDDEN_POLL_FACTOR, livePollIntervalMs, pollWaitMs, pollWindowMs } from "./live-backoff";

describe("pollWaitMs", () => {
  it("waits Sinch's Retry-After before the next poll when it is longer than the window", () => {
    expect(pollWaitMs(new ApiError("rate_limited", "slow down", { retryAfterSeconds: 12 }), 2000)).toBe(12_000);
    expect(pollWaitMs(new ApiError("rate_limited", "slow down", { retryAfterSeconds: 1 }), 2000)).toBe(2000);
  });

  it("keeps the window for any other error, or none", () => {
    expect(pollWaitMs(new ApiError("rate_limited", "slow down"), 2000)).toBe(2000);
    expect(pollWaitMs(new ApiError("upstream_unavailable", "down", { retryAfterSeconds: 30 }), 2000)).toBe(2000);
    expect(pollWaitMs(null, 2000)).toBe(2000);
  });
});

describe("the live query's interval", () => {
  it("is the poll window while the tab is visible, HIDDEN_POLL_FACTOR times it while hidden", () => {
    expect(HIDDEN_POLL_FACTOR).toBe(3);
    expect(pollWindowMs(2000, true)).toBe(2000);
    expect(pollWindowMs(2000, false)).toBe(6000);
    expect(livePollIntervalMs(null, 2000, true)).toBe(2000);
    expect(livePollIntervalMs(null, 2000, false)).toBe(6000);
  });

  it("waits Sinch's Retry-After when it is longer than the window, visible or hidden", () => {
    const limited = (s: number) => new ApiError("rate_limited", "slow down", { retryAfterSeconds: s });
    expect(livePollIntervalMs(limited(4), 2000, true)).toBe(4000);
    // Hidden: 4 s is shorter than the hidden window (6 s), so the window stands; 12 s is longer.
    expect(livePollIntervalMs(limited(4), 2000, false)).toBe(6000);
    expect(livePollIntervalMs(limited(12), 2000, false)).toBe(12_000);
    expect(livePollIntervalMs(new ApiError("upstream_unavailable", "down"), 2000, false)).toBe(6000);
  });
});
