/**
 * Revocable sessions. A session token carries its user's session generation and its
 * own id: bumping users.session_generation ends every session of that user ("sign out
 * everywhere", a password reset, disabling); a row in revoked_sessions ends one
 * session (signing out on one browser). Rows are kept until the token they name
 * would have expired anyway.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("session_generation", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("revoked_sessions")
    .addColumn("session_id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("revoked_sessions_user_idx")
    .on("revoked_sessions")
    .columns(["user_id", "expires_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("revoked_sessions").execute();
  await db.schema.alterTable("users").dropColumn("session_generation").execute();
}
