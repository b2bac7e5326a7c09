/**
 * The API's rate limits shared by several instances on one PostgreSQL (the per-process
 * token buckets are ./rate-limit.ts). Each (user, kind) has a counter per minute in
 * the database (lib/db/rate-limit-counts.ts, one atomic upsert per request), and a
 * request is refused when the sliding-window estimate, the last minute's count
 * weighted by how much of it still lies within sixty seconds plus this minute's,
 * exceeds GAVEL_RATE_LIMIT_<KIND>_PER_MINUTE. So the fleet as a whole allows the
 * configured rate per user, whichever instance each request reaches; each
 * instance's own bucket still bounds bursts. A refused request is not counted.
 *
 * The front server's poll fast path cannot wait for the database: it counts without
 * waiting (`count`), and refuses from memory (`blocked`) once a count said the user is
 * over, until the minute ends. A database error lets the request through (the
 * per-instance bucket still applies) and is logged once a minute.
 */
import "server-only";
import type { GavelDb } from "../../db";
import { deleteRateCountsBefore, incrementRateCount, rateCountOf } from "../../db/rate-limit-counts";
import { log } from "../../log/logger";
import type { EndpointKind } from "../endpoint";

export interface BucketLimit {
  /** Requests refilled per minute. */
  perMinute: number;
  /** The most a full bucket holds: the longest burst. */
  burst: number;
}

/** A kind's limit, or null when it is off. */
export type Limits = Record<EndpointKind, BucketLimit | null>;

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number; limit: BucketLimit };

export const SHARED_WINDOW_MS = 60_000;

export class SharedRateLimits {
  /** The previous window's count per counter key, read once per window. */
  private readonly previous = new Map<string, { windowStart: number; count: number }>();
  /** Refused until (epoch ms), per counter key: what the fast path reads. */
  private readonly blockedUntil = new Map<string, number>();
  private sweptAt = -Infinity;
  private warnedAt = -Infinity;

  constructor(
    private readonly limits: Limits,
    private readonly db: () => Promise<GavelDb>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `key` for `kind`, or refuses it (not counted) with how long to wait. */
  async take(key: string, kind: EndpointKind): Promise<Take> {
    const limit = this.limits[kind];
    if (!limit) return { ok: true };
    const now = this.now();
    const windowStart = now - (now % SHARED_WINDOW_MS);
    const id = `${kind}\u0000${key}`;
    try {
      const database = await this.db();
      this.sweep(database, now);
      const current = await incrementRateCount(database, id, windowStart);
      const prev = await this.previousCount(database, id, windowStart);
      const weight = 1 - (now - windowStart) / SHARED_WINDOW_MS;
      if (prev * weight + current <= limit.perMinute) return { ok: true };
      // Over: not counted, and refused here (and on the fast path) until this window ends.
      await incrementRateCount(database, id, windowStart, -1);
      const until = windowStart + SHARED_WINDOW_MS;
      this.blockedUntil.set(id, until);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)), limit };
    } catch (e) {
      if (now - this.warnedAt >= 60_000) {
        this.warnedAt = now;
        log("error", "shared_rate_limit_failed", { error: String(e) });
      }
      return { ok: true };
    }
  }

  /** Whether a count has said this key is over its limit for the current window (no database). */
  blocked(key: string, kind: EndpointKind): boolean {
    const id = `${kind}\u0000${key}`;
    const until = this.blockedUntil.get(id);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.blockedUntil.delete(id);
    return false;
  }

  private async previousCount(database: GavelDb, id: string, windowStart: number): Promise<number> {
    const known = this.previous.get(id);
    if (known?.windowStart === windowStart) return known.count;
    const count = await rateCountOf(database, id, windowStart - SHARED_WINDOW_MS);
    if (this.previous.size > 10_000) this.previous.clear();
    this.previous.set(id, { windowStart, count });
    return count;
  }

  /** Old windows go, once a minute per instance, without the request waiting. */
  private sweep(database: GavelDb, now: number): void {
    if (now - this.sweptAt < SHARED_WINDOW_MS) return;
    this.sweptAt = now;
    for (const [id, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(id);
    void deleteRateCountsBefore(database, now - 3 * SHARED_WINDOW_MS).catch(() => undefined);
  }
}
