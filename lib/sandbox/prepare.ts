/**
 * Start-up work the launcher (scripts/gavel.ts) does before Next starts: open and
 * migrate the database, check that it suits the mode (./guard.ts: no demo account
 * in a real database, no demo account added next to real ones) and, in sandbox mode,
 * create the demo users and record the scene's conferences so the first screen is
 * not empty. Sandbox mode's database is its own (<data dir>/sandbox.db) unless
 * DATABASE_URL names one.
 */
import type { GavelConfig } from "../config/env";
import { createDb, type GavelDb } from "../db";
import { upsertSeen } from "../db/conferences";
import { createUser, getUserByEmail } from "../db/users";
import { DEMO_USERS } from "./demo-users";
import { checkDatabaseMode } from "./guard";

async function open(cfg: GavelConfig): Promise<GavelDb> {
  return createDb({ url: cfg.DATABASE_URL, dataDir: cfg.dataDir, sandbox: cfg.sandbox });
}

/**
 * Runs migrations once, before any request can race them, and checks the database
 * suits the mode; throws DatabaseModeError (with what to do) when it does not.
 */
export async function prepareDatabase(cfg: GavelConfig): Promise<void> {
  const database = await open(cfg);
  try {
    await checkDatabaseMode(database, cfg);
  } finally {
    await database.close();
  }
}

export async function prepareSandbox(cfg: GavelConfig, sceneConferenceIds: readonly string[] = []): Promise<void> {
  // Demo accounts only ever go into a sandbox database.
  if (!cfg.sandbox) throw new Error("prepareSandbox: the demo accounts are for sandbox mode only");
  const database = await open(cfg);
  try {
    await checkDatabaseMode(database, cfg);
    for (const demo of DEMO_USERS) {
      if (await getUserByEmail(database, demo.email)) continue;
      await createUser(database, { email: demo.email, name: demo.name, role: demo.role, password: demo.password });
    }
    for (const id of sceneConferenceIds) await upsertSeen(database, id, "sandbox");
  } finally {
    await database.close();
  }
}
