/**
 * Points the process-wide `db()` (and `config()`) at a test target, for tests of
 * server code that opens the database itself (recordAudit, the attendance
 * tracker) rather than taking a GavelDb. Call `release()` before the target is
 * disposed. Test code: writing process.env is allowed here.
 */
import { resetConfigForTests } from "../config/env";
import { closeDb, db, type GavelDb } from "../db";
import { afterAll, beforeAll } from "vitest";
import type { TestEngine, TestTarget } from "./db-engines";

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

/**
 * Registers, in the describe block it is called in, a fresh target of `engine` that
 * the process-wide `db()` points at for the block's tests (`extraEnv` set too), and
 * releases and disposes it after them: the set-up of useProcessDb's tests, once.
 */
export function processDbForSuite(engine: TestEngine, extraEnv: Record<string, string> = {}): { readonly db: GavelDb } {
  let t: TestTarget | undefined;
  let opened: GavelDb | undefined;
  beforeAll(async () => {
    t = await engine.fresh();
    opened = await useProcessDb(t, extraEnv);
  });
  afterAll(async () => {
    await releaseProcessDb();
    await t?.dispose();
  });
  return {
    get db() {
      if (!opened) throw new Error("processDbForSuite: read the database inside a test, after beforeAll");
      return opened;
    },
  };
}
