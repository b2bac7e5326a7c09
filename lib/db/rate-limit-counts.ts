/**
 * Shared rate-limit counters (0014-fleet): one row per key and fixed window, counted
 * up by one atomic upsert that answers the new count, so every instance on one
 * PostgreSQL counts into the same number. Old windows are deleted in passing.
 */
import type { GavelDb } from "./index";

/** Adds `by` (default one) to `key`'s counter for the window starting at `windowStart`; the count after it. */
export async function incrementRateCount(db: GavelDb, key: string, windowStart: number, by = 1): Promise<number> {
  const row = await db.kysely
    .insertInto("rate_limit_counts")
    .values({ key, window_start: windowStart, count: by })
    .onConflict((oc) =>
      oc.columns(["key", "window_start"]).doUpdateSet((eb) => ({ count: eb("rate_limit_counts.count", "+", by) })),
    )
    .returning("count")
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** `key`'s count for the window starting at `windowStart` (0 when nothing was counted). */
export async function rateCountOf(db: GavelDb, key: string, windowStart: number): Promise<number> {
  const row = await db.kysely
    .selectFrom("rate_limit_counts")
    .select("count")
    .where("key", "=", key)
    .where("window_start", "=", windowStart)
    .executeTakeFirst();
  return row ? Number(row.count) : 0;
}

/** Deletes the counters of windows that started before `before`. */
export async function deleteRateCountsBefore(db: GavelDb, before: number): Promise<number> {
  const result = await db.kysely.deleteFrom("rate_limit_counts").where("window_start", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
