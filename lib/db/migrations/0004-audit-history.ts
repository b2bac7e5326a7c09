/**
 * The audit trail's history: each change of an entry's outcome after it was
 * completed (unknown → succeeded by reconciliation, pending → interrupted at
 * start-up), so what was first believed stays readable. audit_log.outcome was
 * always plain TEXT without a CHECK (see ../schema.ts), so the new outcomes
 * (pending, unknown, interrupted) need no change there.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("audit_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("audit_id", "text", (c) => c.notNull())
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("from_outcome", "text", (c) => c.notNull())
    .addColumn("to_outcome", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_history_audit_idx").on("audit_history").columns(["audit_id", "at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("audit_history").execute();
}
