/**
 * Several instances on one database (issue 14, item 1).
 *
 * `fleet_leases`: who runs a background job now. A row per job name ("retention",
 * "policy:<conferenceId>", "callout:<calloutId>", ...): the instance holding it
 * (`holder`, a random id per process) until `expires_at`; the holder renews it while
 * it works, and anyone may take it once it has expired (a dead instance's jobs are
 * taken over). `renewed_at` tells a new holder when the previous one last worked.
 *
 * `rate_limit_counts`: the API's rate limits shared by every instance, one counter
 * per key (user and kind) and fixed window, incremented atomically by an upsert.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("fleet_leases")
    .addColumn("job", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("taken_at", "bigint", (c) => c.notNull())
    .addColumn("renewed_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("rate_limit_counts")
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("window_start", "bigint", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("rate_limit_counts_pk", ["key", "window_start"])
    .execute();
  await db.schema.createIndex("rate_limit_counts_window_idx").on("rate_limit_counts").column("window_start").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("rate_limit_counts").execute();
  await db.schema.dropTable("fleet_leases").execute();
}
