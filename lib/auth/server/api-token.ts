/**
 * Who is asking, for a request with `Authorization: Bearer <API token>` (issue 14): the
 * token's user, with that user's current role, as long as the token is known, not
 * revoked, not expired, its secret matches, and the user exists and is enabled.
 * Anything else is one 401 that does not say which check failed.
 *
 * Token rows are cached per process for at most TOKEN_CHECK_MS (2 s; a revocation in
 * this process forgets the entry at once, one by another instance is seen within that
 * bound). The role and the disabled flag come from the session state (session-state.ts,
 * ≤ 5 s, forgotten at once by this process's changes), exactly as for a session, so a
 * demotion or a disabling applies to a user's tokens as it does to their sessions.
 * The last use is written at most once a minute per token, without the request waiting.
 */
import "server-only";
import { ApiError } from "../../api/errors";
import { db } from "../../db";
import { findApiToken, parseApiToken, secretMatches, touchApiToken, type ApiTokenRecord } from "../../db/api-tokens";
import { log } from "../../log/logger";
import { processSingleton } from "../../util/server/process-singleton";
import type { Actor } from "../actor";
import { sessionState } from "./session-state";

/** The longest a revocation by another instance goes unnoticed. */
export const TOKEN_CHECK_MS = 2000;
/** Last-used times are written at most this often per token. */
export const LAST_USED_EVERY_MS = 60_000;

export const TOKEN_REFUSED = "This API token is not valid (revoked, expired or unknown, or its user is disabled).";
export const NOT_BEARER = "Only an API token is accepted in Authorization: send `Authorization: Bearer gvl_…`.";

const MAX_ENTRIES = 10_000;

interface Entry {
  at: number;
  record: Promise<ApiTokenRecord | undefined>;
}

const entries = processSingleton("apiTokenRows", () => new Map<string, Entry>());
const lastWritten = processSingleton("apiTokenLastUsed", () => new Map<string, number>());

function tokenRow(id: string, now: number): Promise<ApiTokenRecord | undefined> {
  const hit = entries.get(id);
  if (hit && now - hit.at < TOKEN_CHECK_MS) return hit.record;
  if (entries.size >= MAX_ENTRIES) {
    for (const [key, e] of entries) if (now - e.at >= TOKEN_CHECK_MS) entries.delete(key);
    if (entries.size >= MAX_ENTRIES) entries.clear();
  }
  const record = db().then((database) => findApiToken(database, id));
  entries.set(id, { at: now, record });
  // A failed read is not cached: the next request tries again.
  record.catch(() => entries.delete(id));
  return record;
}

/** Forgets a token this process just changed (revoked), so the change applies to the next request. */
export function forgetApiToken(id: string): void {
  entries.delete(id);
}

/** For tests: forget every cached token. */
export function forgetApiTokens(): void {
  entries.clear();
  lastWritten.clear();
}

function noteUse(record: ApiTokenRecord, now: number): void {
  const last = Math.max(record.lastUsedAt ?? 0, lastWritten.get(record.id) ?? 0);
  if (now - last < LAST_USED_EVERY_MS) return;
  lastWritten.set(record.id, now);
  if (lastWritten.size > MAX_ENTRIES) lastWritten.clear();
  db()
    .then((database) => touchApiToken(database, record.id, now))
    .catch((e: unknown) => log("warn", "api_token_touch_failed", { tokenId: record.id, error: String(e) }));
}

/** The token in an Authorization header's value, or undefined when the scheme is not Bearer. */
export function bearerToken(authorization: string): string | undefined {
  const m = /^Bearer +(\S+) *$/i.exec(authorization);
  return m?.[1];
}

/**
 * The actor of a request whose Authorization header is `authorization`; throws
 * `unauthenticated` (401) when it is not a valid API token.
 */
export async function tokenActor(authorization: string, now = Date.now()): Promise<Actor> {
  const raw = bearerToken(authorization);
  if (raw === undefined) throw new ApiError("unauthenticated", NOT_BEARER);
  const parsed = parseApiToken(raw);
  if (!parsed) throw new ApiError("unauthenticated", TOKEN_REFUSED);
  const record = await tokenRow(parsed.id, now);
  if (
    !record ||
    record.revokedAt !== null ||
    now >= record.expiresAt ||
    !secretMatches(parsed.secret, record.secretHash)
  ) {
    throw new ApiError("unauthenticated", TOKEN_REFUSED);
  }
  const state = await sessionState(record.userId, now);
  if (!state || state.disabled) throw new ApiError("unauthenticated", TOKEN_REFUSED);
  noteUse(record, now);
  return {
    id: record.userId,
    email: record.user.email,
    name: state.name,
    role: state.role,
    token: { id: record.id, name: record.name },
  };
}
