import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sleep } from "./sleep";

describe("sleep", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("resolves when the time given has passed, not before", async () => {
    let done = false;
    const waiting = sleep(30).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(29);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
  });

  it("rejects with the signal's reason as soon as it is aborted, and leaves no timer behind", async () => {
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort(new Error("cancelled"));
    await expect(waiting).rejects.toThrow("cancelled");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects at once when the signal was aborted before it started", async () => {
    await expect(sleep(10_000, AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a wait of zero resolves without a timer", async () => {
    await sleep(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
