/**
 * The database's part of the readiness check (GET /api/ready): one trivial query
 * that also says whether every migration Gavel knows has been applied.
 */
import { sql } from "kysely";
import type { GavelDb } from "./index";
import { migrations } from "./migrations";

/** The migrations Gavel knows that the database has not recorded as applied (an empty list: up to date). */
export async function pendingMigrations(db: GavelDb): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from kysely_migration`.execute(db.kysely);
  const applied = new Set(r.rows.map((row) => row.name));
  return Object.keys(migrations).filter((name) => !applied.has(name));
}
