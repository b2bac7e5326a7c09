import { describe, expect, it } from "vitest";
import { sleep } from "./sleep";

describe("sleep", () => {
  it("waits at least the time given", async () => {
    const start = Date.now();
    await sleep(30);
    expect(Date.now() - start).toBeGreaterThanOrEqual(25);
  });

  it("rejects with the signal's reason as soon as it is aborted", async () => {
    const controller = new AbortController();
    const start = Date.now();
    const waiting = sleep(10_000, controller.signal);
    controller.abort(new Error("cancelled"));
    await expect(waiting).rejects.toThrow("cancelled");
    expect(Date.now() - start).toBeLessThan(1000);
  });

  it("rejects at once when the signal was aborted before it started", async () => {
    await expect(sleep(10_000, AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
  });
});
