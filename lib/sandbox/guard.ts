/**
 * Sandbox data never meets real data. Sandbox mode has its own database
 * (`<data dir>/sandbox.db`, lib/db/index.ts) unless DATABASE_URL names one; the
 * demo accounts, whose passwords are published, only ever exist in a sandbox
 * database. This is the check both ways, run by the launcher (scripts/gavel.ts) and
 * again by the server itself at start-up (instrumentation.ts), so `next start` run
 * directly cannot skip it:
 *
 * - a non-sandbox start refuses to run while any demo account is in its database,
 *   and names the command that removes them;
 * - a sandbox start refuses a database DATABASE_URL names that holds real accounts
 *   (users, and not one demo account: a database that never was a sandbox's), so the
 *   demo accounts are never added next to real people.
 *
 * A database with demo accounts is a sandbox database: users added in the sandbox
 * (on its Users page) do not make it a real one.
 */
import path from "node:path";
import { config, type GavelConfig } from "../config/env";
import { db, SQLITE_FILES, type GavelDb } from "../db";
import { listUsers } from "../db/users";
import { log } from "../log/logger";
import { DEMO_EMAILS, isDemoEmail } from "./demo-users";

export const REMOVE_DEMO_COMMAND = "npm run users -- remove-demo";

/** The database does not suit the mode Gavel is starting in; the message says what to do. */
export class DatabaseModeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseModeError";
  }
}

/** Which mode a start is in, and whether DATABASE_URL chose the database. */
export type StartMode = Pick<GavelConfig, "sandbox" | "DATABASE_URL" | "dataDir">;

/** Throws DatabaseModeError when `db` must not serve a start in this mode. */
export async function checkDatabaseMode(db: GavelDb, mode: StartMode): Promise<void> {
  const users = await listUsers(db);
  const demo = users.filter((u) => isDemoEmail(u.email));
  if (!mode.sandbox) {
    if (demo.length === 0) return;
    throw new DatabaseModeError(
      [
        `Gavel will not start: its database (${db.location}) holds the sandbox's demo accounts ` +
          `(${demo.map((u) => u.email).join(", ")}), whose passwords are published.`,
        `Remove them with: ${REMOVE_DEMO_COMMAND}`,
        "(with the same DATABASE_URL and GAVEL_DATA_DIR as Gavel), then start again. Sandbox mode keeps its own " +
          "database: <data dir>/sandbox.db unless DATABASE_URL names one.",
      ].join("\n"),
    );
  }
  if (mode.DATABASE_URL === undefined || demo.length > 0) return;
  const real = users.filter((u) => !isDemoEmail(u.email));
  if (real.length === 0) return;
  throw new DatabaseModeError(
    [
      `Gavel will not start in sandbox mode: DATABASE_URL names a database (${db.location}) that holds ` +
        `${real.length} real account${real.length === 1 ? "" : "s"} and no demo account, and the sandbox's demo ` +
        `accounts (${DEMO_EMAILS.join(", ")}), whose passwords are published, must never be added to it.`,
      `Unset DATABASE_URL to use the sandbox's own database (${path.join(mode.dataDir, SQLITE_FILES.sandbox)}),`,
      "or set SINCH_APPLICATION_KEY and SINCH_APPLICATION_SECRET to run against Sinch.",
    ].join("\n"),
  );
}

/** The server's own check at start-up (instrumentation.ts): this process's database and mode. */
export async function checkProcessDatabase(): Promise<void> {
  await checkDatabaseMode(await db(), config());
}

/**
 * instrumentation.ts, before the server serves: a database that does not suit the
 * mode stops the process with the reason (refusing to serve is the point: no request
 * may reach a database whose accounts have published passwords). A database that
 * cannot be read is logged and left to the requests to report, as before.
 */
export async function refuseToServeOnMismatch(): Promise<void> {
  try {
    await checkProcessDatabase();
  } catch (e) {
    if (e instanceof DatabaseModeError) {
      log("error", "database_refused", { error: e.message });
      console.error(`\n${e.message}\n`);
      process.exit(1);
    }
    log("error", "database_check_failed", { error: String(e) });
  }
}
