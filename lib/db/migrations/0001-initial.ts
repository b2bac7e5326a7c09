/**
 * Users, sign-in rate limiting and the conferences Gavel has seen.
 * Column types are the ones both engines accept with the meaning we want
 * (see ../schema.ts): "bigint" is INTEGER affinity in SQLite and int8 in PostgreSQL.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("disabled", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`disabled in (0, 1)`),
    )
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("last_login_at", "bigint")
    .execute();
  // The last-admin guard counts active admins.
  await db.schema.createIndex("users_role_disabled_idx").on("users").columns(["role", "disabled"]).execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_attempts_key_at_idx").on("login_attempts").columns(["key", "at"]).execute();
  // Pruning deletes by age across all keys.
  await db.schema.createIndex("login_attempts_at_idx").on("login_attempts").column("at").execute();

  await db.schema
    .createTable("conferences")
    .addColumn("conference_id", "text", (c) => c.primaryKey().check(sql`length(conference_id) between 1 and 64`))
    .addColumn("display_name", "text")
    .addColumn("pinned", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`pinned in (0, 1)`),
    )
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("first_seen_at", "bigint", (c) => c.notNull())
    .addColumn("last_seen_at", "bigint", (c) => c.notNull())
    .addColumn("last_connected_at", "bigint")
    .addColumn("last_participant_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_muted_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_onhold_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("conferences_list_idx")
    .on("conferences")
    .columns(["pinned desc", "last_seen_at desc"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("conferences").execute();
  await db.schema.dropTable("login_attempts").execute();
  await db.schema.dropTable("users").execute();
}
