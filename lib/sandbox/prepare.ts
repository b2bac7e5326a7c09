/**
 * Start-up work the launcher (scripts/gavel.ts) does before Next starts: open and
 * migrate the database and, in sandbox mode, create the demo users and record the
 * scene's conferences so the first screen is not empty.
 */
import type { GavelConfig } from "../config/env";
import { createDb, type GavelDb } from "../db";
import { upsertSeen } from "../db/conferences";
import { createUser, getUserByEmail } from "../db/users";
import { DEMO_USERS } from "./demo-users";

async function open(cfg: GavelConfig): Promise<GavelDb> {
  return createDb({ url: cfg.DATABASE_URL, dataDir: cfg.dataDir });
}

/** Runs migrations once, before any request can race them. */
export async function prepareDatabase(cfg: GavelConfig): Promise<void> {
  const database = await open(cfg);
  await database.close();
}

export async function prepareSandbox(cfg: GavelConfig, sceneConferenceIds: readonly string[] = []): Promise<void> {
  const database = await open(cfg);
  try {
    for (const demo of DEMO_USERS) {
      if (await getUserByEmail(database, demo.email)) continue;
      await createUser(database, { email: demo.email, name: demo.name, role: demo.role, password: demo.password });
    }
    for (const id of sceneConferenceIds) await upsertSeen(database, id, "sandbox");
  } finally {
    await database.close();
  }
}
