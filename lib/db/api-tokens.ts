/**
 * API tokens' storage (migration 0013). A token reads `gvl_<id>_<secret>`: `id` is
 * public (12 characters of base32, the row's key, shown in lists and audit entries),
 * `secret` 32 random bytes in base64url. Only the hex SHA-256 of the secret is kept:
 * a high-entropy secret needs no slow hash (there is nothing to guess), and the row is
 * found by id, so the one comparison is of two digests, in constant time. The token
 * itself exists only in the answer to its creation.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Selectable } from "kysely";
import type { UserRole } from "../vocabulary/users";
import type { GavelDb } from "./index";
import type { ApiTokensTable } from "./schema";

export const API_TOKEN_PREFIX = "gvl_";
const TOKEN_SHAPE = /^gvl_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** A token as lists show it: never its secret or hash. Times are epoch ms. */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  createdAt: number;
  createdBy: string | null;
  expiresAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

/** What a request's check needs: the token, its hash, and its user as stored now. */
export interface ApiTokenRecord extends ApiToken {
  secretHash: string;
  user: { email: string; name: string; role: UserRole; disabled: boolean };
}

function toToken(r: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    createdAt: Number(r.created_at),
    createdBy: r.created_by,
    expiresAt: Number(r.expires_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
    lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
  };
}

function publicId(): string {
  const bytes = randomBytes(12);
  let id = "";
  for (const b of bytes) id += BASE32[b & 31];
  return id;
}

function digest(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** The id and secret of a string shaped like a token, or undefined. */
export function parseApiToken(raw: string): { id: string; secret: string } | undefined {
  const m = TOKEN_SHAPE.exec(raw);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

/** Whether `secret` is the one whose digest is stored: compared in constant time. */
export function secretMatches(secret: string, secretHash: string): boolean {
  const a = Buffer.from(digest(secret), "hex");
  const b = Buffer.from(secretHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Makes a token; `token` is the only time its secret exists outside the caller's memory. */
export async function createApiToken(
  db: GavelDb,
  input: { userId: string; name: string; expiresAt: number; createdBy: string | null },
  now = Date.now(),
): Promise<{ apiToken: ApiToken; token: string }> {
  const id = publicId();
  const secret = randomBytes(32).toString("base64url");
  const row: Selectable<ApiTokensTable> = {
    id,
    user_id: input.userId,
    name: input.name,
    secret_hash: digest(secret),
    created_at: now,
    created_by: input.createdBy,
    expires_at: input.expiresAt,
    revoked_at: null,
    last_used_at: null,
  };
  await db.kysely.insertInto("api_tokens").values(row).execute();
  return { apiToken: toToken(row), token: `${API_TOKEN_PREFIX}${id}_${secret}` };
}

/** A user's tokens, newest first, revoked and expired ones included. */
export async function listApiTokens(db: GavelDb, userId: string): Promise<ApiToken[]> {
  const rows = await db.kysely
    .selectFrom("api_tokens")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map(toToken);
}

/** How many of a user's tokens still work (not revoked, not expired). */
export async function countActiveApiTokens(db: GavelDb, userId: string, now = Date.now()): Promise<number> {
  const row = await db.kysely
    .selectFrom("api_tokens")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The token with this public id and its user, or undefined. */
export async function findApiToken(db: GavelDb, id: string): Promise<ApiTokenRecord | undefined> {
  const row = await db.kysely
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .selectAll("api_tokens")
    .select(["users.email", "users.name as user_name", "users.role", "users.disabled"])
    .where("api_tokens.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...toToken(row),
    secretHash: row.secret_hash,
    user: { email: row.email, name: row.user_name, role: row.role, disabled: row.disabled === 1 },
  };
}

/**
 * Revokes one of `userId`'s tokens; returns it as it stands, or undefined when the
 * user has no token with that id. Revoking a revoked token keeps its first time.
 */
export async function revokeApiToken(
  db: GavelDb,
  userId: string,
  id: string,
  now = Date.now(),
): Promise<ApiToken | undefined> {
  await db.kysely
    .updateTable("api_tokens")
    .set({ revoked_at: now })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .execute();
  const row = await db.kysely
    .selectFrom("api_tokens")
    .selectAll()
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row && toToken(row);
}

/** Notes that a token was used (callers throttle: at most one write per token per minute). */
export async function touchApiToken(db: GavelDb, id: string, now = Date.now()): Promise<void> {
  await db.kysely.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", id).execute();
}
