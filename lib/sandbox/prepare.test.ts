/**
 * Sandbox data never meets real data (issue 11, finding 1): the launcher's database
 * steps (prepareSandbox, prepareDatabase) and the server's own start-up check, on
 * real SQLite files in a temporary data directory, as a start would see them.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEnv, resetConfigForTests } from "../config/env";
import { createDb, type GavelDb } from "../db";
import { createUser, getUserByEmail, listUsers } from "../db/users";
import { useProcessDb, releaseProcessDb } from "../testing/process-db";
import { DEMO_EMAILS, DEMO_USERS } from "./demo-users";
import { checkProcessDatabase, DatabaseModeError } from "./guard";
import { prepareDatabase, prepareSandbox } from "./prepare";
import { removeDemoAccounts } from "./remove-demo";

const CREDENTIALS = { SINCH_APPLICATION_KEY: "real-key", SINCH_APPLICATION_SECRET: "cmVhbC1zZWNyZXQ=" };

let root: string;
let dataDir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "gavel-sandbox-"));
  dataDir = path.join(root, "data");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const sandboxStart = (env: Record<string, string> = {}) => parseEnv({ GAVEL_DATA_DIR: dataDir, ...env });
const realStart = (env: Record<string, string> = {}) => parseEnv({ GAVEL_DATA_DIR: dataDir, ...CREDENTIALS, ...env });

async function withDb<T>(url: string, fn: (db: GavelDb) => Promise<T>): Promise<T> {
  const db = await createDb({ url });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
const emails = async (file: string) => (await withDb(file, listUsers)).map((u) => u.email).sort();
const gavelDb = () => path.join(dataDir, "gavel.db");
const sandboxDb = () => path.join(dataDir, "sandbox.db");

async function seedDemo(url: string): Promise<void> {
  await withDb(url, async (db) => {
    for (const d of DEMO_USERS) await createUser(db, d);
  });
}

describe("a sandbox start", () => {
  it("seeds the demo accounts into <data dir>/sandbox.db and leaves gavel.db alone", async () => {
    await prepareSandbox(sandboxStart(), ["scene-room"]);
    expect(existsSync(gavelDb())).toBe(false);
    expect(await emails(sandboxDb())).toEqual([...DEMO_EMAILS].sort());
    // The data dir's file modes hold for the sandbox's database too.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(sandboxDb()).mode & 0o777).toBe(0o600);
  });

  it("then a start with credentials on the same data dir has no demo account to sign in with", async () => {
    await prepareSandbox(sandboxStart());
    await prepareDatabase(realStart());
    expect(await withDb(gavelDb(), (db) => getUserByEmail(db, "admin@gavel.test"))).toBeUndefined();
  });

  it("uses the database DATABASE_URL names, and a later real start there refuses until the demo accounts go", async () => {
    const shared = path.join(root, "shared.db");
    await prepareSandbox(sandboxStart({ DATABASE_URL: shared }));
    expect(await emails(shared)).toEqual([...DEMO_EMAILS].sort());
    await expect(prepareDatabase(realStart({ DATABASE_URL: shared }))).rejects.toThrow(DatabaseModeError);
  });

  it("refuses a DATABASE_URL database that holds real accounts and adds no demo account to it", async () => {
    const real = path.join(root, "real.db");
    await withDb(real, (db) => createUser(db, { email: "ann@example.com", name: "Ann", role: "admin" }));
    const start = prepareSandbox(sandboxStart({ DATABASE_URL: real }), ["scene-room"]);
    await expect(start).rejects.toThrow(DatabaseModeError);
    await expect(start).rejects.toThrow(/Unset DATABASE_URL to use the sandbox's own database .*sandbox\.db/);
    expect(await emails(real)).toEqual(["ann@example.com"]);
  });

  it("keeps working on a sandbox database where someone added users in the sandbox", async () => {
    const shared = path.join(root, "shared.db");
    await prepareSandbox(sandboxStart({ DATABASE_URL: shared }));
    await withDb(shared, (db) => createUser(db, { email: "tester@example.com", name: "T", role: "support" }));
    await expect(prepareSandbox(sandboxStart({ DATABASE_URL: shared }))).resolves.toBeUndefined();
  });

  it("is never asked to seed outside sandbox mode", async () => {
    await expect(prepareSandbox(realStart())).rejects.toThrow(/sandbox mode only/);
    expect(existsSync(gavelDb())).toBe(false);
  });
});

describe("a start with Sinch credentials", () => {
  it("refuses while a demo account is in its database, naming the command that removes them", async () => {
    await seedDemo(gavelDb());
    const start = prepareDatabase(realStart());
    await expect(start).rejects.toThrow(DatabaseModeError);
    await expect(start).rejects.toThrow(/admin@gavel\.test.*\nRemove them with: npm run users -- remove-demo\n/);
  });

  it("starts once the demo accounts are removed, and the removal is in the audit trail", async () => {
    await seedDemo(gavelDb());
    await withDb(gavelDb(), (db) => createUser(db, { email: "ann@example.com", name: "Ann", role: "admin" }));
    const removed = await withDb(gavelDb(), (db) => removeDemoAccounts(db, { osUser: "ops" }));
    expect(removed.sort()).toEqual([...DEMO_EMAILS].sort());
    await expect(prepareDatabase(realStart())).resolves.toBeUndefined();
    expect(await emails(gavelDb())).toEqual(["ann@example.com"]);
    const entries = await withDb(gavelDb(), (db) =>
      db.kysely.selectFrom("audit_log").selectAll().where("action", "=", "user.remove_demo").execute(),
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ outcome: "succeeded", actor_id: null });
    expect(JSON.parse(entries[0]!.params!)).toMatchObject({ osUser: "ops", via: "npm run users -- remove-demo" });
  });

  it("is refused by the server's own start-up check too (next start without the launcher)", async () => {
    await seedDemo(gavelDb());
    const saved = { ...process.env };
    const env = { GAVEL_DATA_DIR: dataDir, DATABASE_URL: "", ...CREDENTIALS };
    try {
      await useProcessDb({ env, options: {}, open: () => createDb(), dispose: async () => {} });
      await expect(checkProcessDatabase()).rejects.toThrow(/npm run users -- remove-demo/);
    } finally {
      await releaseProcessDb();
      process.env = saved;
      resetConfigForTests();
    }
  });
});
