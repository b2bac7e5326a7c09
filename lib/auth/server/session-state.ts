/**
 * Is this session still valid, and with which role? Every request's token is checked
 * against its user's session state (lib/db/sessions.ts): enabled, the same session
 * generation, its session id not revoked. The state is cached per user in this
 * process for at most SESSION_CHECK_MS (GAVEL_ROLE_REFRESH_SECONDS, capped at 5 s),
 * and concurrent requests share one read; a change made by this process forgets the
 * entry at once, one made by another instance sharing the database is seen within
 * that bound. A role change keeps the session: the new role applies within the bound.
 */
import "server-only";
import { config } from "../../config/env";
import { db } from "../../db";
import { readSessionState, type SessionState } from "../../db/sessions";

/** The longest a revoked session or a role change can go unnoticed, whatever the setting. */
export const MAX_SESSION_CHECK_MS = 5000;

export function sessionCheckMs(): number {
  return Math.min(config().GAVEL_ROLE_REFRESH_SECONDS * 1000, MAX_SESSION_CHECK_MS);
}

/** Past this many cached users, the stale entries are dropped. */
export const SWEEP_ABOVE = 10_000;

interface Entry {
  at: number;
  state: Promise<SessionState | undefined>;
  /** Set once the read has answered: what `settledSessionState` gives without waiting. */
  settled?: { value: SessionState | undefined };
}

// Next bundles pages and routes separately: one cache per process, on globalThis.
const KEY = Symbol.for("gavel.sessionState");
function cache(): Map<string, Entry> {
  const holder = globalThis as { [KEY]?: Map<string, Entry> };
  holder[KEY] ??= new Map();
  return holder[KEY];
}

/** The user's session state, at most sessionCheckMs() old. */
export async function sessionState(userId: string, now = Date.now()): Promise<SessionState | undefined> {
  const entries = cache();
  const hit = entries.get(userId);
  if (hit && now - hit.at < sessionCheckMs()) return hit.state;
  const state = db().then((database) => readSessionState(database, userId, now));
  const entry: Entry = { at: now, state };
  entries.set(userId, entry);
  state.then(
    (value) => void (entry.settled = { value }),
    () => undefined,
  );
  // A failed read is not cached: the next request tries again.
  state.catch(() => entries.delete(userId));
  if (entries.size > SWEEP_ABOVE) {
    for (const [id, e] of entries) if (now - e.at >= sessionCheckMs()) entries.delete(id);
  }
  return state;
}

/** How many users' states are cached (tests check it stays bounded). */
export function cachedSessionStates(): number {
  return cache().size;
}

/**
 * The user's session state if a read of it has answered within sessionCheckMs(), else
 * undefined (not read, still being read, or too old): the same state `sessionState`
 * would give, for a caller that cannot wait (the poll fast path).
 */
export function settledSessionState(userId: string, now = Date.now()): { value: SessionState | undefined } | undefined {
  const hit = cache().get(userId);
  if (!hit || now - hit.at >= sessionCheckMs()) return undefined;
  return hit.settled;
}

/** Forgets the cached state of a user this process just changed. */
export function forgetSessionState(userId: string): void {
  cache().delete(userId);
}

/** Why a token's session is no longer valid, or null when it is. */
export function sessionRefusal(
  token: { gen?: number; sid?: string },
  state: SessionState | undefined,
): "unknown_user" | "disabled" | "ended_everywhere" | "signed_out" | "no_session_id" | null {
  if (!state) return "unknown_user";
  if (state.disabled) return "disabled";
  // Tokens from before revocable sessions carry no id: they are asked to sign in again.
  if (typeof token.sid !== "string") return "no_session_id";
  if ((token.gen ?? 0) !== state.generation) return "ended_everywhere";
  if (state.revoked.has(token.sid)) return "signed_out";
  return null;
}
