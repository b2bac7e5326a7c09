/**
 * Room policies (issue 13, item 6): per conference, "mute on entry" and "lobby" (with
 * the hold music the lobby plays), each with who last set it and when; and the
 * conference's speakers, whom mute on entry leaves alone. A speaker is a directory
 * contact (all its numbers, as they are when the policy acts) or a bare number.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("room_policies")
    .addColumn("conference_id", "text", (c) => c.primaryKey())
    .addColumn("mute_on_entry", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("mute_set_by", "text")
    .addColumn("mute_set_at", "bigint")
    .addColumn("lobby", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("lobby_moh", "text", (c) => c.notNull().defaultTo("music1"))
    .addColumn("lobby_set_by", "text")
    .addColumn("lobby_set_at", "bigint")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("room_speakers")
    .addColumn("conference_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    // Exactly one of the two: a contact (cascade: a deleted contact is no speaker) or a number.
    .addColumn("contact_id", "text", (c) => c.references("contacts.id").onDelete("cascade"))
    .addColumn("number", "text")
    .addColumn("added_by", "text")
    .addColumn("added_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("room_speakers_conf_idx")
    .on("room_speakers")
    .columns(["conference_id", "position"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("room_speakers").execute();
  await db.schema.dropTable("room_policies").execute();
}
