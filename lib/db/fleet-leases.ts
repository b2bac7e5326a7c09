/**
 * Leases on background jobs (0014-fleet), for several instances on one database: a
 * job is run by the instance holding its row until the row expires. Taking is one
 * upsert that succeeds only when the row is free, expired, or already this holder's
 * (then it is a renewal), so two instances can never both hold a job. Times come
 * from the caller's clock (tests inject one); instances are expected to keep their
 * clocks in step (NTP), and a lease outlives a few seconds of skew.
 *
 * Works the same on SQLite and PostgreSQL (ON CONFLICT … DO UPDATE … WHERE, RETURNING).
 */
import type { GavelDb } from "./index";

export interface LeaseTaken {
  held: boolean;
  /** Until when the lease runs (this holder's new expiry, or the other holder's). */
  expiresAt: number;
  /** The other holder when refused. */
  holder: string;
  /**
   * When the job changed hands to this holder: when the previous holder last renewed
   * it (null when nobody held it before). Undefined for a renewal or a refusal.
   */
  takenOverFrom?: { holder: string; renewedAt: number } | null;
}

/** Takes or renews `job` for `holder` until `now + ttlMs`, unless another holder's lease is still running. */
export async function takeLease(
  db: GavelDb,
  job: string,
  holder: string,
  ttlMs: number,
  now: number,
): Promise<LeaseTaken> {
  const before = await db.kysely.selectFrom("fleet_leases").selectAll().where("job", "=", job).executeTakeFirst();
  const taken = await takeLeases(db, [job], holder, ttlMs, now);
  if (taken.has(job)) {
    const renewal = before !== undefined && before.holder === holder && Number(before.expires_at) > now;
    return {
      held: true,
      expiresAt: now + ttlMs,
      holder,
      ...(renewal
        ? {}
        : {
            takenOverFrom:
              before && before.holder !== holder
                ? { holder: before.holder, renewedAt: Number(before.renewed_at) }
                : null,
          }),
    };
  }
  const current = await db.kysely.selectFrom("fleet_leases").selectAll().where("job", "=", job).executeTakeFirst();
  return { held: false, expiresAt: Number(current?.expires_at ?? now), holder: current?.holder ?? "" };
}

/** Takes (or renews) every job of `jobs` that is free, expired or already this holder's; returns those taken. */
export async function takeLeases(
  db: GavelDb,
  jobs: readonly string[],
  holder: string,
  ttlMs: number,
  now: number,
): Promise<Set<string>> {
  const taken = new Set<string>();
  // Sorted: two instances claiming overlapping sets lock rows in one order (no deadlock).
  const unique = [...new Set(jobs)].sort();
  for (let i = 0; i < unique.length; i += 200) {
    const rows = await db.kysely
      .insertInto("fleet_leases")
      .values(
        unique
          .slice(i, i + 200)
          .map((job) => ({ job, holder, expires_at: now + ttlMs, taken_at: now, renewed_at: now })),
      )
      .onConflict((oc) =>
        oc
          .column("job")
          .doUpdateSet((eb) => ({
            holder: eb.ref("excluded.holder"),
            expires_at: eb.ref("excluded.expires_at"),
            renewed_at: eb.ref("excluded.renewed_at"),
            taken_at: eb
              .case()
              .when("fleet_leases.holder", "=", eb.ref("excluded.holder"))
              .then(eb.ref("fleet_leases.taken_at"))
              .else(eb.ref("excluded.taken_at"))
              .end(),
          }))
          .where((eb) =>
            eb.or([
              eb("fleet_leases.holder", "=", eb.ref("excluded.holder")),
              eb("fleet_leases.expires_at", "<=", eb.ref("excluded.renewed_at")),
            ]),
          ),
      )
      .returning("job")
      .execute();
    for (const r of rows) taken.add(r.job);
  }
  return taken;
}

/** Gives a job up (only if `holder` holds it), so another instance may take it at once. */
export async function releaseLease(db: GavelDb, job: string, holder: string): Promise<void> {
  await db.kysely.deleteFrom("fleet_leases").where("job", "=", job).where("holder", "=", holder).execute();
}

/** Who holds `job` now, if anyone (tests, metrics). */
export async function leaseHolder(db: GavelDb, job: string, now: number): Promise<string | null> {
  const row = await db.kysely
    .selectFrom("fleet_leases")
    .select(["holder", "expires_at"])
    .where("job", "=", job)
    .executeTakeFirst();
  return row && Number(row.expires_at) > now ? row.holder : null;
}

/** Jobs named `prefix…` (a prefix without % or _) whose lease expired without being given up (their holder stopped renewing). */
export async function expiredLeases(db: GavelDb, prefix: string, now: number): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom("fleet_leases")
    .select("job")
    .where("job", "like", `${prefix}%`)
    .where("expires_at", "<=", now)
    .limit(500)
    .execute();
  return rows.map((r) => r.job);
}
