/**
 * The audit trail (append-only: only the retention job deletes) and attendance
 * (joins and leaves seen while Gavel polls a conference).
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_email", "text")
    .addColumn("actor_role", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("conference_id", "text")
    .addColumn("target_call_id", "text")
    .addColumn("target_number", "text")
    .addColumn("params", "text")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("http_status", "integer")
    .addColumn("sinch_error_code", "integer")
    .addColumn("sinch_reference", "text")
    .addColumn("error_message", "text")
    .addColumn("latency_ms", "integer")
    .addColumn("request_id", "text", (c) => c.notNull())
    .addColumn("client_address", "text")
    .execute();
  // Newest first, keyset-paginated on (at, id); each filter gets an index that ends the same way.
  await db.schema.createIndex("audit_at_idx").on("audit_log").columns(["at desc", "id desc"]).execute();
  await db.schema
    .createIndex("audit_actor_idx")
    .on("audit_log")
    .columns(["actor_email", "at desc", "id desc"])
    .execute();
  await db.schema
    .createIndex("audit_conf_idx")
    .on("audit_log")
    .columns(["conference_id", "at desc", "id desc"])
    .execute();
  await db.schema.createIndex("audit_action_idx").on("audit_log").columns(["action", "at desc", "id desc"]).execute();
  await db.schema.createIndex("audit_outcome_idx").on("audit_log").columns(["outcome", "at desc", "id desc"]).execute();
  await db.schema.createIndex("audit_request_idx").on("audit_log").column("request_id").execute();

  await db.schema
    .createTable("attendance")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("conference_id", "text", (c) => c.notNull())
    .addColumn("call_id", "text", (c) => c.notNull())
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("label", "text")
    .addColumn("joined_at", "bigint", (c) => c.notNull())
    .addColumn("left_at", "bigint")
    .addColumn("kicked_by", "text")
    .addColumn("kick_reason", "text")
    .execute();
  await db.schema
    .createIndex("attendance_conf_call_idx")
    .on("attendance")
    .columns(["conference_id", "call_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("attendance_conf_joined_idx")
    .on("attendance")
    .columns(["conference_id", "joined_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("attendance").execute();
  await db.schema.dropTable("audit_log").execute();
}
