/**
 * Leases on background jobs, as one process uses them (the table and its upsert are
 * lib/db/fleet-leases.ts). Several instances on one PostgreSQL: a job ("retention",
 * "policy:<conferenceId>", ...) is run by whichever instance holds its lease; the
 * holder renews it while it works, and when an instance dies its leases expire
 * (LEASE_TTL_MS) and the next instance that asks takes the job over. On SQLite (one
 * process by design) the same code runs and this process simply always holds them.
 *
 * What this process knows is kept in memory, so asking is cheap: a lease it holds is
 * renewed only once less than half of it is left, and a job another instance holds
 * is not asked about again before that holder's lease would expire. A database error
 * keeps a lease this process holds until its known expiry (nobody else can take it
 * before), and otherwise counts as not held: the job waits, nothing runs twice.
 */
import "server-only";
import { db as processDb, type GavelDb } from "../../db";
import { releaseLease, takeLease, takeLeases } from "../../db/fleet-leases";
import { log } from "../../log/logger";
import { reportFleetJobs } from "../../metrics/server/registry";
import { processSingleton } from "../../util/server/process-singleton";
import { instanceId } from "./instance";

/** How long a lease runs without renewal: how long a dead instance's jobs wait for a new holder. */
export const LEASE_TTL_MS = 20_000;

export interface Hold {
  held: boolean;
  /**
   * Set when this call took the job from another holder (or from nobody): when the
   * previous holder last renewed it, so the new one can pick up what happened since.
   */
  takenOverFrom?: { holder: string; renewedAt: number } | null;
}

export interface Leases {
  readonly holder: string;
  /** Takes or renews the lease of a job run continuously (a watcher): held means "do the work now". */
  hold(job: string): Promise<Hold>;
  /**
   * Claims each job for `ttlMs` and lets it expire (work done once per interval, such as
   * one GET per callout per second): the jobs this instance got.
   */
  claim(jobs: readonly string[], ttlMs: number): Promise<Set<string>>;
  /** Gives a held job up at once (a watcher that stops). */
  release(job: string): Promise<void>;
  /** Jobs held now, by kind (the name before ":"), for the metrics. */
  heldByKind(): Map<string, number>;
}

interface Known {
  held: boolean;
  /** Our lease's expiry, or (not held) the other holder's. */
  until: number;
}

export interface LeaseDeps {
  db: () => Promise<GavelDb>;
  holder: string;
  ttlMs?: number;
  now?: () => number;
}

export function createLeases(deps: LeaseDeps): Leases {
  const now = deps.now ?? Date.now;
  const ttl = deps.ttlMs ?? LEASE_TTL_MS;
  const known = new Map<string, Known>();
  let warnedAt = -Infinity;

  function sweep(t: number): void {
    if (known.size < 1000) return;
    for (const [job, k] of known) if (k.until <= t) known.delete(job);
  }

  function failed(e: unknown, t: number): void {
    if (t - warnedAt < 60_000) return;
    warnedAt = t;
    log("error", "fleet_lease_failed", { holder: deps.holder, error: String(e) });
  }

  async function hold(job: string): Promise<Hold> {
    const t = now();
    const k = known.get(job);
    if (k?.held && k.until - t > ttl / 2) return { held: true };
    if (k && !k.held && k.until > t) return { held: false };
    try {
      const r = await takeLease(await deps.db(), job, deps.holder, ttl, t);
      known.set(job, { held: r.held, until: r.expiresAt });
      sweep(t);
      if (r.held && r.takenOverFrom !== undefined) {
        log("info", "fleet_lease_taken", { job, holder: deps.holder, from: r.takenOverFrom?.holder ?? null });
      }
      return r.held
        ? { held: true, ...(r.takenOverFrom !== undefined ? { takenOverFrom: r.takenOverFrom } : {}) }
        : { held: false };
    } catch (e) {
      failed(e, t);
      return { held: k?.held === true && k.until > t };
    }
  }

  async function claim(jobs: readonly string[], ttlMs: number): Promise<Set<string>> {
    if (jobs.length === 0) return new Set();
    const t = now();
    try {
      const got = await takeLeases(await deps.db(), jobs, deps.holder, ttlMs, t);
      for (const job of got) known.set(job, { held: true, until: t + ttlMs });
      sweep(t);
      return got;
    } catch (e) {
      failed(e, t);
      return new Set();
    }
  }

  async function release(job: string): Promise<void> {
    const k = known.get(job);
    known.delete(job);
    if (!k?.held) return;
    try {
      await releaseLease(await deps.db(), job, deps.holder);
    } catch (e) {
      failed(e, now()); // it expires by itself
    }
  }

  function heldByKind(): Map<string, number> {
    const t = now();
    const counts = new Map<string, number>();
    for (const [job, k] of known) {
      if (!k.held || k.until <= t) continue;
      const kind = job.split(":")[0] ?? job;
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    return counts;
  }

  return { holder: deps.holder, hold, claim, release, heldByKind };
}

const holder = processSingleton("fleetLeases", (): { leases?: Leases } => ({}));

/** The process's leases, held under its instance id. */
export function fleetLeases(): Leases {
  if (!holder.leases) {
    const leases = createLeases({ db: processDb, holder: instanceId() });
    holder.leases = leases;
    reportFleetJobs(() => leases.heldByKind());
  }
  return holder.leases;
}
