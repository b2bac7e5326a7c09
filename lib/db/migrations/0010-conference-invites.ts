/**
 * Expected attendees (issue 13, item 5): a conference's invite list. An invitee is a
 * number (E.164), at most once per conference, with the label it was pasted with and
 * who added it when. Names come from the directory at the time they are shown (a
 * number is the key, as everywhere else in Gavel), so no contact id is stored here.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("conference_invites")
    .addColumn("conference_id", "text", (c) => c.notNull())
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("label", "text")
    .addColumn("added_by", "text")
    .addColumn("added_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("conference_invites_pk", ["conference_id", "number"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("conference_invites").execute();
}
