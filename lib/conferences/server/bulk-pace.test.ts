/**
 * The bulk's pace against Sinch's 429s, on a fake clock: Retry-After is waited out,
 * the concurrency halves and grows back, a refused row is sent again, and the bounds
 * (attempts per row, longest wait, the bulk's budget) end it honestly.
 */
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import { SinchHttpError, SinchTimeoutError } from "../../sinch/errors";
import { BulkPace, type PaceOptions } from "./bulk-pace";

const info = { operation: "manageParticipant" as const, method: "PATCH", path: "/x", attempts: 1, elapsedMs: 0 };
const tooMany = (retryAfterSeconds?: number) => new SinchHttpError({ ...info, status: 429, retryAfterSeconds });

/** A fake clock: sleeping advances it (after letting other tasks run). */
function clock() {
  let t = 1_000_000;
  const slept: number[] = [];
  return {
    now: () => t,
    slept,
    sleep: async (ms: number) => {
      slept.push(ms);
      await Promise.resolve();
      t += ms;
    },
  };
}

function pace(o: Partial<PaceOptions> & { maxConcurrency: number }) {
  const c = clock();
  return { c, p: new BulkPace({ now: c.now, sleep: c.sleep, ...o }) };
}

describe("BulkPace", () => {
  it("waits out Retry-After and sends the refused row again", async () => {
    const { c, p } = pace({ maxConcurrency: 5 });
    let calls = 0;
    const result = await p.send(async () => {
      if (++calls === 1) throw tooMany(2);
      return "done";
    });
    expect(result).toBe("done");
    expect(calls).toBe(2);
    expect(c.slept).toEqual([2000]);
    expect(p.stats.rateLimited).toBe(1);
  });

  it("without Retry-After backs off 250 ms, doubling", async () => {
    const { c, p } = pace({ maxConcurrency: 1 });
    let calls = 0;
    await p.send(async () => {
      if (++calls <= 3) throw tooMany();
      return "ok";
    });
    expect(c.slept).toEqual([250, 500, 1000]);
  });

  it("halves the concurrency on a 429 (once per decrease) and raises it by one after that many answers", async () => {
    const { p } = pace({ maxConcurrency: 8 });
    let first = true;
    await p.send(async () => {
      if (first) {
        first = false;
        throw tooMany(0);
      }
    });
    expect(p.concurrency).toBe(4);
    for (let i = 0; i < 4; i++) await p.send(async () => undefined);
    expect(p.concurrency).toBe(5);
    for (let i = 0; i < 5 + 6 + 7 + 8; i++) await p.send(async () => undefined);
    expect(p.concurrency).toBe(8);
    expect(p.stats.lowestConcurrency).toBe(4);
  });

  it("never has more requests in flight than the concurrency allows", async () => {
    const { p } = pace({ maxConcurrency: 4 });
    let inFlight = 0;
    let most = 0;
    let refused = 0;
    const rows = Array.from({ length: 40 }, (_, i) => i);
    const mostAfter429: number[] = [];
    await Promise.all(
      rows.map((i) =>
        p.send(async () => {
          inFlight++;
          most = Math.max(most, inFlight);
          if (refused > 0) mostAfter429.push(inFlight);
          await Promise.resolve();
          inFlight--;
          if (i === 3 && refused === 0) {
            refused++;
            throw tooMany(1);
          }
        }),
      ),
    );
    expect(most).toBeLessThanOrEqual(4);
    expect(refused).toBe(1);
    // Right after the 429 the bulk went down to two at once.
    expect(Math.max(...mostAfter429.slice(0, 4))).toBeLessThanOrEqual(2);
  });

  it("fails a row with its last 429 after MAX attempts; the bulk goes on", async () => {
    const { p } = pace({ maxConcurrency: 2, maxAttempts: 3 });
    let calls = 0;
    const refused = tooMany(0);
    await expect(
      p.send(async () => {
        calls++;
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(calls).toBe(3);
    await expect(p.send(async () => "next")).resolves.toBe("next");
  });

  it("does not wait out a Retry-After over the cap: the bulk stops, later rows are not sent", async () => {
    const { c, p } = pace({ maxConcurrency: 2, maxWaitMs: 10_000 });
    const refused = tooMany(30);
    await expect(p.send(() => Promise.reject(refused))).rejects.toBe(refused);
    let sent = false;
    const notSent = await p
      .send(async () => {
        sent = true;
      })
      .catch((e: unknown) => e);
    expect(sent).toBe(false);
    expect(notSent).toBeInstanceOf(ApiError);
    expect(notSent).toMatchObject({ code: "rate_limited", details: { retryAfterSeconds: 30 } });
    expect((notSent as ApiError).message).toMatch(/^Not sent: Sinch asked Gavel to wait 30 s/);
    expect(c.slept).toEqual([]);
    expect(p.stats.stopped).toMatch(/wait 30 s/);
  });

  it("stops when a wait would end past the bulk's budget", async () => {
    const { c, p } = pace({ maxConcurrency: 1, budgetMs: 5000 });
    let calls = 0;
    const err = await p
      .send(async () => {
        calls++;
        throw tooMany(2);
      })
      .catch((e: unknown) => e);
    // Waits of 2 s at 0 and 2 s (ending at 4 s) fit; the third would end at 6 s.
    expect(calls).toBe(3);
    expect(c.slept).toEqual([2000, 2000]);
    expect(err).toBeInstanceOf(SinchHttpError);
    expect(p.stats.stopped).toMatch(/past the bulk's 5 s/);
    await expect(p.send(async () => "x")).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("never retries an unanswered request or another refusal", async () => {
    const { p } = pace({ maxConcurrency: 2 });
    let calls = 0;
    const timeout = new SinchTimeoutError({ ...info, timeoutMs: 5000 });
    await expect(
      p.send(async () => {
        calls++;
        throw timeout;
      }),
    ).rejects.toBe(timeout);
    const notFound = new SinchHttpError({ ...info, status: 404, errorCode: 40400 });
    await expect(
      p.send(async () => {
        calls++;
        throw notFound;
      }),
    ).rejects.toBe(notFound);
    expect(calls).toBe(2);
    expect(p.stats.rateLimited).toBe(0);
  });
});
