/**
 * Rate limits on the API per signed-in user, by kind of endpoint (reads, commands,
 * callout requests: `endpointKind` in ../endpoint.ts). `apiRoute` calls
 * `checkRateLimit` once the actor is known, before any parsing or work; over the
 * limit, the request answers `rate_limited` (429) with Retry-After.
 *
 * Each (user, kind) is a token bucket: it refills at GAVEL_RATE_LIMIT_<KIND>_PER_MINUTE
 * per minute, continuously, and holds at most a sixth of that (ten seconds' worth), so
 * a burst is bounded too. The buckets live in this process's memory: a check costs a
 * map lookup. On PostgreSQL, where several instances may serve one user, the limit
 * per minute is also counted in the database and shared by the fleet
 * (./shared-rate-limit.ts: one upsert per request). What costs money, the callouts
 * themselves, is counted in the database too (lib/callouts/server/budget.ts). The map holds at
 * most three buckets per account; past SWEEP_ABOVE buckets, those that have refilled
 * (a full bucket is the same as none) are dropped, at most once a second, so it holds
 * about the users active in the last ten seconds however many accounts come and go.
 */
import "server-only";
import { config } from "../../config/env";
import { endpointKind, type Endpoint, type EndpointKind } from "../endpoint";
import { ApiError } from "../errors";
import { db } from "../../db";
import { processSingleton } from "../../util/server/process-singleton";
import { SharedRateLimits } from "./shared-rate-limit";

export interface BucketLimit {
  /** Requests refilled per minute. */
  perMinute: number;
  /** The most a full bucket holds: the longest burst. */
  burst: number;
}

/** A kind's limit, or null when it is off. */
export type Limits = Record<EndpointKind, BucketLimit | null>;

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number; limit: BucketLimit };

interface Bucket {
  tokens: number;
  at: number;
}

/** A per-minute rate as a bucket: ten seconds' worth of burst, at least one request. */
export function bucketLimit(perMinute: number): BucketLimit | null {
  if (perMinute <= 0) return null;
  return { perMinute, burst: Math.max(1, Math.ceil(perMinute / 6)) };
}

/** Past this many buckets, full ones are dropped. */
export const SWEEP_ABOVE = 1000;

/** Token buckets per key and kind, against an injectable clock (ms). */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private sweptAt = -Infinity;

  /** How many buckets are held (tests check it stays bounded). */
  get size(): number {
    return this.buckets.size;
  }

  constructor(
    private readonly limits: Limits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request from the bucket of `key` for `kind`, or says how long until it can. */
  take(key: string, kind: EndpointKind): Take {
    const limit = this.limits[kind];
    if (!limit) return { ok: true };
    const now = this.now();
    this.sweep(now);
    const id = `${kind}\u0000${key}`;
    const perMs = limit.perMinute / 60_000;
    const bucket = this.buckets.get(id) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(id, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)), limit };
  }

  /** Drops the buckets that have refilled: taking from one again starts from a full bucket anyway. */
  private sweep(now: number): void {
    if (this.buckets.size <= SWEEP_ABOVE || now - this.sweptAt < 1000) return;
    this.sweptAt = now;
    for (const [id, b] of this.buckets) {
      const limit = this.limits[id.slice(0, id.indexOf("\u0000")) as EndpointKind];
      if (!limit || b.tokens + ((now - b.at) * limit.perMinute) / 60_000 >= limit.burst) this.buckets.delete(id);
    }
  }
}

/** The limits from configuration. */
export function limitsFromConfig(): Limits {
  const c = config();
  return {
    read: bucketLimit(c.GAVEL_RATE_LIMIT_READS_PER_MINUTE),
    command: bucketLimit(c.GAVEL_RATE_LIMIT_COMMANDS_PER_MINUTE),
    callout: bucketLimit(c.GAVEL_RATE_LIMIT_CALLOUT_REQUESTS_PER_MINUTE),
  };
}

const NAMES: Record<EndpointKind, string> = {
  read: "reads",
  command: "commands",
  callout: "callout requests",
};

// The process's buckets, on globalThis: every route bundle and the front server's poll
// fast path (lib/api/server/poll-bridge.ts) count against the same ones.
// The shared limits: null on SQLite (one process), undefined until the database is known.
const holder = processSingleton("rateLimits", (): { buckets?: TokenBuckets; shared?: SharedRateLimits | null } => ({}));

/** For tests: start from full buckets and re-read the configuration. */
export function resetRateLimitsForTests(): void {
  holder.buckets = undefined;
  holder.shared = undefined;
}

async function sharedLimits(): Promise<SharedRateLimits | null> {
  if (holder.shared === undefined) {
    const engine = (await db()).engine;
    holder.shared ??= engine === "postgres" ? new SharedRateLimits(limitsFromConfig(), db) : null;
  }
  return holder.shared;
}

function takeLocal(userId: string, kind: EndpointKind): Take {
  holder.buckets ??= new TokenBuckets(limitsFromConfig());
  return holder.buckets.take(userId, kind);
}

/**
 * For the poll fast path, which cannot wait: this process's bucket, and the shared
 * limit as last known (the request is counted there without waiting).
 */
export function takeRateLimit(userId: string, ep: Pick<Endpoint, "method" | "kind">): Take {
  const kind = endpointKind(ep);
  const shared = holder.shared;
  const limit = limitsFromConfig()[kind];
  if (limit && shared?.blocked(userId, kind)) return { ok: false, retryAfterSeconds: 1, limit };
  const taken = takeLocal(userId, kind);
  if (taken.ok && shared) void shared.take(userId, kind);
  return taken;
}

/** Counts one request of this user against its endpoint's kind; throws `rate_limited` past the limit. */
export async function checkRateLimit(userId: string, ep: Pick<Endpoint, "method" | "kind">): Promise<void> {
  const kind = endpointKind(ep);
  let taken = takeLocal(userId, kind);
  if (taken.ok) taken = (await (await sharedLimits())?.take(userId, kind)) ?? taken;
  if (taken.ok) return;
  throw new ApiError(
    "rate_limited",
    `Too many ${NAMES[kind]}: at most ${taken.limit.perMinute} a minute per user. Try again in ${taken.retryAfterSeconds} s.`,
    { retryAfterSeconds: taken.retryAfterSeconds, limit: kind, perMinute: taken.limit.perMinute },
  );
}
