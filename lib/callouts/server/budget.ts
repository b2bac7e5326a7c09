/**
 * The callout budget: at most GAVEL_CALLOUT_BUDGET_PER_MINUTE callouts per user in any
 * 60 s, counting callouts rather than requests (a dial list of 50 spends 50). It is
 * spent where callouts are placed (./place.ts), up front and all or none: a dial list
 * over the budget is refused whole, saying how many are left and when the whole list
 * can go, because a list half dialled leaves the operator to work out who was called.
 * A callout Sinch refused still counts (it was tried); a replay of an earlier
 * submission (same idempotency key) is given back. The ledger is in the database
 * (lib/db/callout-spend.ts), so the budget holds across instances sharing it.
 */
import "server-only";
import { ApiError } from "../../api/errors";
import { config } from "../../config/env";
import { db } from "../../db";
import { refundCallouts, reserveCallouts, type CalloutBudget } from "../../db/callout-spend";

const WINDOW_MS = 60_000;

/** What a placement reserved; null when the budget is off. */
export type Spend = { id: string } | null;

function budget(): CalloutBudget | null {
  const perWindow = config().GAVEL_CALLOUT_BUDGET_PER_MINUTE;
  return perWindow > 0 ? { perWindow, windowMs: WINDOW_MS } : null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Spends `count` callouts of this user's budget, or throws: `rate_limited` (429, with
 * Retry-After) when the budget refills in time, `validation_failed` when the list is
 * larger than the whole budget and can never go at once.
 */
export async function spendCallouts(userId: string, count: number, now = Date.now()): Promise<Spend> {
  const b = budget();
  if (!b || count <= 0) return null;
  const r = await reserveCallouts(await db(), userId, count, b, now);
  if (r.ok) return { id: r.id };
  const limit = `at most ${b.perWindow} callouts a minute per user`;
  if (r.retryAfterMs === null) {
    throw new ApiError(
      "validation_failed",
      `lines: ${count} numbers are more than the callout budget allows at once (${limit}). Split the list; nothing was placed.`,
      { fields: [{ path: "lines", message: `at most ${b.perWindow} numbers at once (the callout budget)` }] },
    );
  }
  const retryAfterSeconds = Math.max(1, Math.ceil(r.retryAfterMs / 1000));
  const what = count === 1 ? "This callout" : `These ${count} callouts`;
  throw new ApiError(
    "rate_limited",
    `Callout budget reached (${limit}): ${plural(r.remaining, "callout is", "callouts are")} left now. ` +
      `${what} can be placed in ${retryAfterSeconds} s; nothing was placed.`,
    { retryAfterSeconds, remaining: r.remaining, perMinute: b.perWindow, requested: count },
  );
}

/** Gives back `count` callouts of a spend that did not place them. */
export async function refundSpend(spend: Spend, count = 1): Promise<void> {
  if (spend) await refundCallouts(await db(), spend.id, count);
}
