import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import { pollWaitMs } from "./live-backoff";

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
