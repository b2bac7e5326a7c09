/**
 * When Gavel last read a conference's participant list from Sinch. last_seen_at also
 * moves when someone merely opens a conference or places a callout into it, so it
 * cannot tell "0 connected" from "never looked": this can. Rows from before stay
 * NULL (Gavel does not know when their counts were read) until the next poll.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("conferences").addColumn("last_polled_at", "bigint").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("conferences").dropColumn("last_polled_at").execute();
}
