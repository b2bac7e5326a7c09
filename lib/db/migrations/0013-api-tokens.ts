/**
 * API tokens (issue 14): named, expiring bearer tokens that act as their user. Only a
 * SHA-256 of the token's secret is kept; `id` is the token's public part (it appears in
 * the token itself, `gvl_<id>_<secret>`), so a request's token is found by id and its
 * secret compared in constant time. A token is never deleted by Gavel, only revoked
 * (its row stays for the audit trail's sake) — except with its user (cascade).
 * Audit entries made through a token say which one (actor_token_id/_name).
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("revoked_at", "bigint")
    .addColumn("last_used_at", "bigint")
    .execute();
  await db.schema.createIndex("api_tokens_user_idx").on("api_tokens").columns(["user_id", "created_at"]).execute();
  await db.schema.alterTable("audit_log").addColumn("actor_token_id", "text").execute();
  await db.schema.alterTable("audit_log").addColumn("actor_token_name", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("audit_log").dropColumn("actor_token_name").execute();
  await db.schema.alterTable("audit_log").dropColumn("actor_token_id").execute();
  await db.schema.dropTable("api_tokens").execute();
}
