/**
 * The callout budget's ledger: how many callouts each user has asked to place in the
 * last minute, kept in the database so the budget holds across restarts and across
 * instances sharing it. A placement reserves its callouts up front, all or none, in
 * one transaction per user: on PostgreSQL an advisory lock on the user queues two
 * reservations of one user (whichever instance they reach); on SQLite the reservation
 * row is written first, which takes the one write lock before the sum is read.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { GavelDb } from "./index";

export interface CalloutBudget {
  /** Callouts per user in any window. */
  perWindow: number;
  windowMs: number;
}

export type Reservation =
  | { ok: true; id: string }
  /** `retryAfterMs`: until enough earlier callouts leave the window for all `count` (null: never). */
  | { ok: false; remaining: number; retryAfterMs: number | null };

/** Reserves `count` callouts for this user now, or none of them when that would exceed the budget. */
export async function reserveCallouts(
  db: GavelDb,
  userId: string,
  count: number,
  budget: CalloutBudget,
  now = Date.now(),
): Promise<Reservation> {
  const id = randomUUID();
  const since = now - budget.windowMs;
  let result: Reservation;
  try {
    result = await db.kysely.transaction().execute(async (trx): Promise<Reservation> => {
      if (db.engine === "postgres") {
        await sql`select pg_advisory_xact_lock(hashtextextended(${`callout-spend:${userId}`}, 0))`.execute(trx);
      }
      await trx.insertInto("callout_spend").values({ id, user_id: userId, at: now, count }).execute();
      const rows = await trx
        .selectFrom("callout_spend")
        .select(["id", "at", "count"])
        .where("user_id", "=", userId)
        .where("at", ">", since)
        .orderBy("at")
        .execute();
      const earlier = rows.filter((r) => r.id !== id);
      const spent = earlier.reduce((n, r) => n + Number(r.count), 0);
      if (spent + count <= budget.perWindow) return { ok: true, id };
      // Refused: the reservation row goes with the rolled-back transaction.
      const remaining = Math.max(0, budget.perWindow - spent);
      let retryAfterMs: number | null = null;
      if (count <= budget.perWindow) {
        let freed = 0;
        for (const r of earlier) {
          freed += Number(r.count);
          if (spent - freed + count <= budget.perWindow) {
            retryAfterMs = Math.max(0, Number(r.at) + budget.windowMs - now);
            break;
          }
        }
      }
      throw new Refused({ ok: false, remaining, retryAfterMs });
    });
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    result = e.reservation;
  }
  await db.kysely.deleteFrom("callout_spend").where("at", "<=", since).execute();
  return result;
}

/** Gives back callouts a reservation did not place (replays of an earlier submission). */
export async function refundCallouts(db: GavelDb, reservationId: string, count: number): Promise<void> {
  if (count <= 0) return;
  await db.kysely
    .updateTable("callout_spend")
    .set((eb) => ({
      count: sql<number>`case when ${eb.ref("count")} > ${count} then ${eb.ref("count")} - ${count} else 0 end`,
    }))
    .where("id", "=", reservationId)
    .execute();
}

/** Thrown inside the transaction so it rolls back; caught by `reserveCallouts`. */
class Refused extends Error {
  constructor(readonly reservation: Reservation) {
    super("callout budget exceeded");
  }
}
