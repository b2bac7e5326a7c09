/**
 * Attendance keeps facts and inferences apart. A leave Gavel only noticed after a gap
 * in polling is a range: `left_after` is the last poll that saw the participant,
 * `left_at` the first that did not. `leave_source` says where an exact leave time
 * came from (a regular poll, the kick Gavel sent, Sinch's call record). Rows written
 * before this migration have neither: their leave is what polling saw.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("attendance").addColumn("left_after", "bigint").execute();
  await db.schema.alterTable("attendance").addColumn("leave_source", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("attendance").dropColumn("leave_source").execute();
  await db.schema.alterTable("attendance").dropColumn("left_after").execute();
}
