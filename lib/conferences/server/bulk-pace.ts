/**
 * How a bulk paces itself against Sinch's rate limit (issue 12, item 9). Each row's
 * Sinch request goes through `BulkPace.send`: at most `limit` at once. A 429 slows
 * the whole bulk: every row waits out Sinch's Retry-After (or, without one, a
 * growing back-off), the concurrency is halved, and the refused row is sent again;
 * after `limit` answers in a row that are not 429 the concurrency grows by one, back
 * up to the configured maximum (AIMD, as TCP does).
 *
 * Bounded, because the person's browser waits for the bulk's answer:
 * - a row is sent at most MAX_ATTEMPTS times; its last 429 then fails it (rate_limited);
 * - a Retry-After over MAX_WAIT_MS, or a wait that would end more than BUDGET_MS after
 *   the bulk started, is not waited out: the bulk stops there. Rows in flight finish;
 *   rows not yet sent are not sent and fail `rate_limited` ("not sent"), with the
 *   Retry-After Sinch asked for, so the person knows when to try again.
 * Only a 429 is retried: Sinch said it did not do it. A timeout or a dropped answer
 * is an unknown outcome and goes up untouched (reconciliation decides it); any other
 * refusal fails its row at once.
 */
import "server-only";
import { ApiError } from "../../api/errors";
import { isSinchError, type SinchHttpError } from "../../sinch/errors";

/** Sends per row, the first included. */
export const MAX_ATTEMPTS = 5;
/** The longest Retry-After a bulk waits out (the Sinch client's own cap for reads). */
export const MAX_WAIT_MS = 10_000;
/** No back-off wait ends later than this after the bulk started. */
export const BUDGET_MS = 30_000;
/** Without a Retry-After: 250 ms, doubling with each 429 in a row, up to 4 s. */
const BASE_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 4000;

export interface PaceOptions {
  maxConcurrency: number;
  maxAttempts?: number;
  maxWaitMs?: number;
  budgetMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** What the pace did, for the bulk's summary. */
export interface PaceStats {
  /** Sinch's 429s seen. */
  rateLimited: number;
  /** The lowest concurrency the bulk went down to. */
  lowestConcurrency: number;
  /** Why the bulk stopped early, if it did. */
  stopped: string | null;
}

function isRateLimited(e: unknown): e is SinchHttpError {
  return isSinchError(e) && e.kind === "http" && e.status === 429;
}

export class BulkPace {
  private limit: number;
  private inFlight = 0;
  private pausedUntil = 0;
  /** Bumped at each decrease: a 429 for a request sent before it does not halve again. */
  private epoch = 0;
  private answeredSinceChange = 0;
  private consecutive429 = 0;
  private wake: (() => void)[] = [];
  private stop: { message: string; retryAfterSeconds: number | undefined } | null = null;
  private readonly started: number;
  private readonly max: number;
  private readonly maxAttempts: number;
  private readonly maxWaitMs: number;
  private readonly budgetMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  readonly stats: PaceStats;

  constructor(o: PaceOptions) {
    this.max = Math.max(1, o.maxConcurrency);
    this.limit = this.max;
    this.maxAttempts = o.maxAttempts ?? MAX_ATTEMPTS;
    this.maxWaitMs = o.maxWaitMs ?? MAX_WAIT_MS;
    this.budgetMs = o.budgetMs ?? BUDGET_MS;
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.started = this.now();
    this.stats = { rateLimited: 0, lowestConcurrency: this.max, stopped: null };
  }

  /** The concurrency allowed now. */
  get concurrency(): number {
    return this.limit;
  }

  /**
   * Sends one row's request, again after each 429 while the bounds allow. Throws the
   * row's last error; a row the stopped bulk never sent throws ApiError rate_limited.
   */
  async send<T>(request: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await this.acquire();
      const epoch = this.epoch;
      try {
        const result = await request();
        this.answered();
        return result;
      } catch (e) {
        if (!isRateLimited(e)) {
          // Sinch answered (a refusal) or did not (unknown): either way not a 429.
          if (isSinchError(e) && e.kind === "http") this.answered();
          throw e;
        }
        if (!this.backOff(e, epoch) || attempt >= this.maxAttempts) throw e;
      } finally {
        this.release();
      }
    }
  }

  private async acquire(): Promise<void> {
    for (;;) {
      if (this.stop) {
        throw new ApiError("rate_limited", `Not sent: ${this.stop.message}`, {
          ...(this.stop.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.stop.retryAfterSeconds } : {}),
        });
      }
      const wait = this.pausedUntil - this.now();
      if (wait > 0) {
        await this.sleep(wait);
        continue;
      }
      if (this.inFlight < this.limit) {
        this.inFlight++;
        return;
      }
      await new Promise<void>((resolve) => this.wake.push(resolve));
    }
  }

  private release(): void {
    this.inFlight--;
    const waiting = this.wake;
    this.wake = [];
    for (const w of waiting) w();
  }

  /** An answer that was not a 429: after `limit` of them, one more at once. */
  private answered(): void {
    this.consecutive429 = 0;
    if (this.limit >= this.max) return;
    if (++this.answeredSinceChange >= this.limit) {
      this.limit++;
      this.answeredSinceChange = 0;
    }
  }

  /** Slows the bulk for a 429. False when the wait is more than the bulk may take: it stops. */
  private backOff(e: SinchHttpError, epoch: number): boolean {
    this.stats.rateLimited++;
    this.consecutive429++;
    if (epoch === this.epoch) {
      this.epoch++;
      this.limit = Math.max(1, Math.floor(this.limit / 2));
      this.answeredSinceChange = 0;
      this.stats.lowestConcurrency = Math.min(this.stats.lowestConcurrency, this.limit);
    }
    const asked = e.retryAfterSeconds;
    const waitMs =
      asked !== undefined ? asked * 1000 : Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (this.consecutive429 - 1));
    const now = this.now();
    if (asked !== undefined && waitMs > this.maxWaitMs) {
      return this.halt(
        `Sinch asked Gavel to wait ${asked} s, longer than a bulk waits (${this.maxWaitMs / 1000} s). Try again in ${asked} s.`,
        asked,
      );
    }
    const until = Math.max(this.pausedUntil, now + waitMs);
    if (until - this.started > this.budgetMs) {
      const seconds = Math.max(1, Math.ceil((until - now) / 1000));
      return this.halt(
        `Sinch kept rate limiting Gavel past the bulk's ${this.budgetMs / 1000} s. Try again in ${seconds} s.`,
        seconds,
      );
    }
    this.pausedUntil = until;
    return true;
  }

  private halt(message: string, retryAfterSeconds: number | undefined): false {
    this.stop ??= { message, retryAfterSeconds };
    this.stats.stopped ??= message;
    return false;
  }
}
