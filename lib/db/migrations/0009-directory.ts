/**
 * The directory (issue 13): contacts, and their numbers in a table of their own so
 * that a number belongs to at most one contact, which the unique index on
 * contact_numbers.number holds whatever the application does. `search_key` is the
 * name and organisation folded to lower case without accents, written by the
 * repository, so one LIKE finds "Émile" from "emile" on both engines.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("contacts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("organisation", "text")
    .addColumn("notes", "text")
    .addColumn("search_key", "text", (c) => c.notNull())
    .addColumn("sort_key", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("contacts_sort_idx").on("contacts").columns(["sort_key", "id"]).execute();
  await db.schema
    .createTable("contact_numbers")
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  // A number belongs to one contact at most.
  await db.schema.createIndex("contact_numbers_number_idx").on("contact_numbers").column("number").unique().execute();
  await db.schema
    .createIndex("contact_numbers_contact_idx")
    .on("contact_numbers")
    .columns(["contact_id", "position"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("contact_numbers").execute();
  await db.schema.dropTable("contacts").execute();
}
