/**
 * The callout budget's ledger (lib/db/callout-spend.ts): one row per placement
 * request, saying how many callouts it may place, so the budget per user per minute
 * holds across restarts and across instances sharing the database. Rows older than
 * the window are pruned as new ones arrive.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("callout_spend")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull().check(sql`count >= 0`))
    .execute();
  await db.schema.createIndex("callout_spend_user_at_idx").on("callout_spend").columns(["user_id", "at"]).execute();
  await db.schema.createIndex("callout_spend_at_idx").on("callout_spend").column("at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("callout_spend").execute();
}
