/**
 * Sign-in rate limiting's storage. Failures are rows in the database, so the limits
 * hold across restarts and across several app instances sharing one database. Which
 * keys an attempt is counted under, and the rules, are lib/auth/server/credentials.ts
 * (and the in-memory gate before it, lib/auth/server/sign-in-gate.ts).
 *
 * The windowed rule here: a key with `maxFailures` failures in the last `windowSeconds`
 * is blocked until enough of them are older than the window. Check-then-record is not atomic, so instances racing on one key may let a guess or
 * two past the limit; that is the price of not locking on every sign-in.
 */
import { randomUUID } from "node:crypto";
import { config } from "../config/env";
import type { GavelDb } from "./index";

export interface LoginRateLimit {
  maxFailures: number;
  windowSeconds: number;
}

export type LoginCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The limit from configuration (GAVEL_LOGIN_MAX_FAILURES, GAVEL_LOGIN_WINDOW_SECONDS). */
export function loginRateLimitFromConfig(): LoginRateLimit {
  const c = config();
  return { maxFailures: c.GAVEL_LOGIN_MAX_FAILURES, windowSeconds: c.GAVEL_LOGIN_WINDOW_SECONDS };
}

/** The keys one sign-in attempt counts against: the email (lower-cased) and the client address. */
export function loginAttemptKeys(who: { email?: string | null; ip?: string | null }): string[] {
  const keys: string[] = [];
  const email = who.email?.trim().toLowerCase();
  if (email) keys.push(`email:${email}`);
  const ip = who.ip?.trim();
  if (ip) keys.push(`ip:${ip}`);
  return keys;
}

function unique(keys: readonly string[]): string[] {
  return [...new Set(keys.filter((k) => k !== ""))];
}

/**
 * Whether a sign-in may be tried now. When any key is blocked, `retryAfterSeconds`
 * is how long until every key is below the limit again (at least 1).
 */
export async function checkLoginAllowed(
  db: GavelDb,
  keys: readonly string[],
  now = Date.now(),
  limit: LoginRateLimit = loginRateLimitFromConfig(),
): Promise<LoginCheck> {
  const wanted = unique(keys);
  if (wanted.length === 0) return { allowed: true };
  const windowMs = limit.windowSeconds * 1000;
  const rows = await db.kysely
    .selectFrom("login_attempts")
    .select(["key", "at"])
    .where("key", "in", wanted)
    .where("at", ">", now - windowMs)
    .orderBy("at")
    .execute();

  const byKey = new Map<string, number[]>();
  for (const r of rows) {
    const list = byKey.get(r.key) ?? [];
    list.push(r.at);
    byKey.set(r.key, list);
  }
  let unblockedAt = 0;
  for (const times of byKey.values()) {
    if (times.length < limit.maxFailures) continue;
    // Allowed again once only maxFailures - 1 failures remain in the window, i.e. when
    // the failure at this index (the oldest, when exactly maxFailures were recorded) expires.
    const expiring = times[times.length - limit.maxFailures];
    if (expiring !== undefined) unblockedAt = Math.max(unblockedAt, expiring + windowMs);
  }
  if (unblockedAt <= now) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((unblockedAt - now) / 1000)) };
}

/** Records one failed sign-in against each key, and forgets failures older than the window. */
export async function recordLoginFailure(
  db: GavelDb,
  keys: readonly string[],
  now = Date.now(),
  limit: LoginRateLimit = loginRateLimitFromConfig(),
): Promise<void> {
  const wanted = unique(keys);
  if (wanted.length > 0) {
    await db.kysely
      .insertInto("login_attempts")
      .values(wanted.map((key) => ({ id: randomUUID(), key, at: now })))
      .execute();
  }
  await pruneLoginAttempts(db, now, limit);
}

/** Forgets the failures of these keys (after a successful sign-in, or an admin unblocking someone). */
export async function clearLoginFailures(db: GavelDb, keys: readonly string[]): Promise<void> {
  const wanted = unique(keys);
  if (wanted.length === 0) return;
  await db.kysely.deleteFrom("login_attempts").where("key", "in", wanted).execute();
}

/**
 * Failures are kept at least this long, whatever the window: the account-wide rule
 * (lib/auth/sign-in-throttle.ts, ACCOUNT_WINDOW_SECONDS) looks back 15 minutes.
 */
export const LOGIN_ATTEMPTS_KEPT_SECONDS = 15 * 60;

/** When each failure of `key` since `since` happened (epoch ms, oldest first). */
export async function loginFailureTimes(db: GavelDb, key: string, since: number): Promise<number[]> {
  const rows = await db.kysely
    .selectFrom("login_attempts")
    .select("at")
    .where("key", "=", key)
    .where("at", ">", since)
    .orderBy("at")
    .execute();
  return rows.map((r) => Number(r.at));
}

/** Deletes failures that no longer count. recordLoginFailure calls it; exported for housekeeping jobs. */
export async function pruneLoginAttempts(
  db: GavelDb,
  now = Date.now(),
  limit: LoginRateLimit = loginRateLimitFromConfig(),
): Promise<void> {
  await db.kysely
    .deleteFrom("login_attempts")
    .where("at", "<=", now - Math.max(limit.windowSeconds, LOGIN_ATTEMPTS_KEPT_SECONDS) * 1000)
    .execute();
}
