/**
 * Points the process-wide `db()` (and `config()`) at a test target, for tests of
 * server code that opens the database itself (recordAudit, the attendance
 * tracker) rather than taking a GavelDb. Call `release()` before the target is
 * disposed. Test code: writing process.env is allowed here.
 */
import { resetConfigForTests } from "../config/env";
import { closeDb, db, type GavelDb } from "../db";
import type { TestTarget } from "./db-engines";

export async function useProcessDb(target: TestTarget, extraEnv: Record<string, string> = {}): Promise<GavelDb> {
  await closeDb();
  // An empty DATABASE_URL means "the SQLite file in GAVEL_DATA_DIR".
  process.env.DATABASE_URL = "";
  for (const [k, v] of Object.entries({ ...target.env, ...extraEnv })) process.env[k] = v;
  resetConfigForTests();
  return db();
}

export async function releaseProcessDb(): Promise<void> {
  await closeDb();
}
