/**
 * Callouts Gavel placed, followed by polling Sinch's call info until they end.
 * idempotency_key is unique (NULLs allowed many times on both engines): a repeated
 * submission finds the first row instead of placing another call.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("callouts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("call_id", "text")
    .addColumn("idempotency_key", "text")
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_email", "text")
    .addColumn("destination_type", "text", (c) => c.notNull())
    .addColumn("destination", "text", (c) => c.notNull())
    .addColumn("cli", "text")
    .addColumn("conference_id", "text")
    .addColumn("label", "text")
    .addColumn("request", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("sinch_result", "text")
    .addColumn("sinch_reason", "text")
    .addColumn("duration_seconds", "integer")
    .addColumn("error_message", "text")
    .addColumn("batch_id", "text")
    .addColumn("retry_of", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("joined_at", "bigint")
    .addColumn("ended_at", "bigint")
    .execute();
  await db.schema
    .createIndex("callouts_idempotency_key_idx")
    .on("callouts")
    .column("idempotency_key")
    .unique()
    .execute();
  await db.schema.createIndex("callouts_call_id_idx").on("callouts").column("call_id").execute();
  // Newest first, overall and per filter.
  await db.schema.createIndex("callouts_created_idx").on("callouts").columns(["created_at desc", "id desc"]).execute();
  await db.schema
    .createIndex("callouts_conf_created_idx")
    .on("callouts")
    .columns(["conference_id", "created_at desc", "id desc"])
    .execute();
  await db.schema
    .createIndex("callouts_state_created_idx")
    .on("callouts")
    .columns(["state", "created_at desc"])
    .execute();
  await db.schema.createIndex("callouts_batch_idx").on("callouts").columns(["batch_id", "created_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("callouts").execute();
}
