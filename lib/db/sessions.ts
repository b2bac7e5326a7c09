/**
 * Session revocation (migration 0007): what a request's session token is checked
 * against. A token names its user, the user's session generation when it was issued,
 * and its own session id; it is valid while the user exists, is enabled, still has
 * that generation, and the session id is not revoked.
 */
import type { UserRole } from "../vocabulary/users";
import { userIdSchema } from "../vocabulary/users";
import type { GavelDb } from "./index";

/** What the session check needs of a user, read in one go. */
export interface SessionState {
  name: string;
  role: UserRole;
  disabled: boolean;
  generation: number;
  /** Ids of this user's revoked sessions that have not expired yet. */
  revoked: ReadonlySet<string>;
}

/** The user's session state, or undefined for an unknown user. */
export async function readSessionState(
  db: GavelDb,
  userId: string,
  now = Date.now(),
): Promise<SessionState | undefined> {
  if (!userIdSchema.safeParse(userId).success) return undefined;
  const user = await db.kysely
    .selectFrom("users")
    .select(["name", "role", "disabled", "session_generation"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return undefined;
  const revoked = await db.kysely
    .selectFrom("revoked_sessions")
    .select("session_id")
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .execute();
  return {
    name: user.name,
    role: user.role,
    disabled: user.disabled === 1,
    generation: Number(user.session_generation),
    revoked: new Set(revoked.map((r) => r.session_id)),
  };
}

/** Ends one session (sign-out). Idempotent; forgets revocations whose tokens have expired. */
export async function revokeSession(
  db: GavelDb,
  session: { sessionId: string; userId: string; expiresAt: number },
  now = Date.now(),
): Promise<void> {
  await db.kysely.deleteFrom("revoked_sessions").where("expires_at", "<=", now).execute();
  await db.kysely
    .insertInto("revoked_sessions")
    .values({ session_id: session.sessionId, user_id: session.userId, expires_at: session.expiresAt })
    .onConflict((oc) => oc.column("session_id").doNothing())
    .execute();
}
