/**
 * Gavel's database: SQLite (better-sqlite3) in a file under the data directory by
 * default (gavel.db; sandbox mode has its own, sandbox.db), PostgreSQL when
 * DATABASE_URL is a postgres:// URL. Both are driven through Kysely with one set of
 * queries; lib/db/schema.ts says how values are stored so that the two behave alike. Migrations run every time a database is opened.
 *
 * Server code uses the process-wide `db()`; tests and scripts that need their own
 * database call `createDb({ ... })` and `close()` it.
 *
 * Not marked `import "server-only"`: the users CLI (scripts/users.ts) runs these
 * modules under plain Node, where that package throws.
 */
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { withStatementCache } from "./statement-cache";
import { CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { config } from "../config/env";
import { processSingleton } from "../util/server/process-singleton";
import { migrationProvider } from "./migrations";
import type { Database as Tables } from "./schema";
import { withValidText } from "./valid-text";

export type { Database as Tables } from "./schema";

export type DbEngine = "sqlite" | "postgres";

export interface GavelDb {
  readonly engine: DbEngine;
  readonly kysely: Kysely<Tables>;
  /** Where the data lives, safe to log: the SQLite file, or the PostgreSQL URL without its password. */
  readonly location: string;
  /** Closes the file or the connection pool. Safe to call twice. */
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** A postgres:// URL or a SQLite file path (`file:` prefix allowed). Default: DATABASE_URL. */
  url?: string;
  /** Where the default SQLite file (gavel.db, or sandbox.db) goes when no URL is given. Default: GAVEL_DATA_DIR. */
  dataDir?: string;
  /**
   * Sandbox mode: with no URL, the default SQLite file is sandbox.db rather than
   * gavel.db, so the sandbox's demo data never lands in the real database. Default:
   * the configuration's mode (with an explicit url or dataDir: false).
   */
  sandbox?: boolean;
  /**
   * PostgreSQL only: keep Gavel's tables in this schema (created if missing) by
   * putting it first on every connection's search_path. Tests use it to get a fresh,
   * isolated set of tables in a shared database.
   */
  pgSchema?: string;
}

export type DbTarget = { engine: "sqlite"; file: string } | { engine: "postgres"; url: string };

/** The default SQLite files in the data directory: the real one, and sandbox mode's own. */
export const SQLITE_FILES = { real: "gavel.db", sandbox: "sandbox.db" } as const;
/** How long a SQLite writer waits for another process's write to finish before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Which database the options (or, when they name none, the configuration) point at.
 * With explicit options (url or dataDir) the environment is not read at all.
 */
export function resolveDbTarget(opts: CreateDbOptions = {}): DbTarget {
  const explicit = opts.url !== undefined || opts.dataDir !== undefined;
  const url = explicit ? opts.url?.trim() || undefined : config().DATABASE_URL;
  if (url !== undefined) {
    if (/^postgres(ql)?:\/\//i.test(url)) return { engine: "postgres", url };
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
      throw new Error(`DATABASE_URL must be a postgres:// URL or a SQLite file path, got a ${url.split(":")[0]}: URL`);
    }
    const file = url.replace(/^file:/i, "");
    return { engine: "sqlite", file: file === ":memory:" ? file : path.resolve(file) };
  }
  const dataDir = explicit ? opts.dataDir : config().dataDir;
  const sandbox = opts.sandbox ?? (explicit ? false : config().sandbox);
  return { engine: "sqlite", file: path.resolve(dataDir ?? ".", SQLITE_FILES[sandbox ? "sandbox" : "real"]) };
}

/** A PostgreSQL URL with the password masked, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== "") u.password = "***";
    return u.toString();
  } catch {
    return "postgres://(unparseable URL)";
  }
}

/** Opens the database, brings its schema up to date, and returns it. */
export async function createDb(opts: CreateDbOptions = {}): Promise<GavelDb> {
  const target = resolveDbTarget(opts);
  const opened = target.engine === "sqlite" ? openSqlite(target.file) : await openPostgres(target.url, opts.pgSchema);
  try {
    await migrate(opened, sqliteMigrations.get(opened));
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}

function openSqlite(file: string): GavelDb {
  let sqlite: Database.Database;
  try {
    // Password hashes, phone numbers and the audit trail: only Gavel's user may read
    // them. A folder or file Gavel creates is 0700 / 0600 (one that exists is left as
    // its owner set it); SQLite gives the -wal and -shm files the database's mode.
    const created = file !== ":memory:" && !existsSync(file);
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    sqlite = new Database(file);
    if (created) chmodSync(file, 0o600);
    // The busy timeout first: switching a new file to WAL takes an exclusive lock, and
    // a second process opening the same new file at that moment must wait, not fail.
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    // WAL: readers never block the writer, so the console stays responsive while it writes.
    switchToWal(sqlite);
    // NORMAL is durable across application crashes in WAL mode; only a power loss can drop the last commits.
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
  } catch (error) {
    throw new Error(`Cannot open the SQLite database ${file}: ${messageOf(error)}`, { cause: error });
  }
  const kysely = new Kysely<Tables>({
    dialect: withValidText(new SqliteDialect({ database: withStatementCache(sqlite) })),
  });
  const opened = handle("sqlite", kysely, file);
  // Migrations run through the same connection, as one transaction that takes the write lock first (below).
  sqliteMigrations.set(opened, new Kysely<Tables>({ dialect: migrationDialect(sqlite) }));
  return opened;
}

/**
 * Switches a connection to WAL. Two processes switching one new file at the same
 * moment each hold a shared lock and want an exclusive one: SQLite answers one of
 * them SQLITE_BUSY at once, without the busy handler (it would wait for the other
 * forever). That one waits a moment and tries again, within the busy timeout.
 */
function switchToWal(sqlite: Database.Database): void {
  const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      sqlite.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      const busy = (error as { code?: string }).code === "SQLITE_BUSY";
      if (!busy || Date.now() >= deadline) throw error;
      // A synchronous pause (opening is synchronous): 5, 10, 15 … ms, at most 50.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(5 * attempt, 50));
    }
  }
}

const sqliteMigrations = new WeakMap<GavelDb, Kysely<Tables>>();

/**
 * A dialect for migrating SQLite across processes. Kysely runs SQLite migrations with
 * no transaction and no lock (its adapter says SQLite has no transactional DDL, which
 * it has), so two processes starting on one new file both read "nothing applied yet"
 * and the second fails with "table users already exists". Here the whole run is one
 * transaction, begun IMMEDIATE so it takes the write lock first: the second process
 * waits (busy_timeout), then reads what the first applied and has nothing left to do.
 */
function migrationDialect(sqlite: Database.Database): SqliteDialect {
  const dialect = new SqliteDialect({ database: sqlite });
  const createAdapter = dialect.createAdapter.bind(dialect);
  dialect.createAdapter = () => {
    const adapter = createAdapter();
    Object.defineProperty(adapter, "supportsTransactionalDdl", { value: true });
    return adapter;
  };
  const createDriver = dialect.createDriver.bind(dialect);
  dialect.createDriver = () => {
    const driver = createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    };
    return driver;
  };
  return dialect;
}

/** node-postgres hands BIGINT (oid 20) back as a string; our BIGINTs are epoch milliseconds and counts. */
const INT8_OID = 20;
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`BIGINT ${value} is too large for a JavaScript number`);
  return n;
}
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary"
      ? parseInt8
      : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
};

async function openPostgres(url: string, schema: string | undefined): Promise<GavelDb> {
  const location = redactUrl(url);
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`pgSchema must be a lower-case SQL identifier, got ${JSON.stringify(schema)}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    // A per-pool parser, so other users of the pg module keep its defaults.
    types: pgTypes,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  // Without a listener, an idle connection dropped by the server would crash the process.
  pool.on("error", (error) => console.error(`PostgreSQL connection error (${location}):`, error.message));
  const kysely = new Kysely<Tables>({ dialect: withValidText(new PostgresDialect({ pool })) });
  const db = handle("postgres", kysely, location);
  try {
    if (schema !== undefined) {
      try {
        await sql`create schema if not exists ${sql.id(schema)}`.execute(kysely);
      } catch (error) {
        // Two instances starting together can both try; "if not exists" does not stop the loser's error.
        if (!(await schemaExists(kysely, schema))) throw error;
      }
    }
  } catch (error) {
    await db.close();
    throw new Error(`Cannot connect to PostgreSQL at ${location}: ${messageOf(error)}`, { cause: error });
  }
  return db;
}

async function schemaExists(kysely: Kysely<Tables>, schema: string): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*) as n from pg_namespace where nspname = ${schema}`.execute(kysely);
  return (r.rows[0]?.n ?? 0) > 0;
}

function handle(engine: DbEngine, kysely: Kysely<Tables>, location: string): GavelDb {
  let closing: Promise<void> | undefined;
  return {
    engine,
    kysely,
    location,
    close: () => (closing ??= kysely.destroy()),
  };
}

async function migrate(db: GavelDb, sqliteMigrator?: Kysely<Tables>): Promise<void> {
  let migrationTableSchema: string | undefined;
  if (db.engine === "postgres") {
    // Kysely looks for its bookkeeping tables in every schema unless told which one;
    // pin it to ours so a kysely_migration table elsewhere in the database is not mistaken for it.
    let current: string | null;
    try {
      const r = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db.kysely);
      current = r.rows[0]?.schema ?? null;
    } catch (error) {
      throw new Error(`Cannot connect to PostgreSQL at ${db.location}: ${messageOf(error)}`, { cause: error });
    }
    if (current === null) {
      throw new Error(
        `PostgreSQL at ${db.location}: no schema to create tables in (the search_path names none that exists)`,
      );
    }
    migrationTableSchema = current;
  }
  // The SQLite migration Kysely is never destroyed: that would close the shared connection.
  const migrator = new Migrator({ db: sqliteMigrator ?? db.kysely, provider: migrationProvider, migrationTableSchema });

  // Two processes starting on one SQLite file can collide (SQLITE_BUSY) when both see
  // pending migrations; the loser retries and then finds nothing left to do.
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (error === undefined) return;
    if (db.engine === "sqlite" && isSqliteBusy(error) && attempt < 5) {
      await new Promise((r) => setTimeout(r, 100 * attempt));
      continue;
    }
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(`Database migration${failed ? ` ${failed}` : "s"} failed on ${db.location}: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

function isSqliteBusy(error: unknown): boolean {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  return code.startsWith("SQLITE_BUSY");
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  return error instanceof Error ? error.message : String(error);
}

/**
 * PostgreSQL takes `SELECT … FOR UPDATE` to lock the rows a check depends on; SQLite
 * has no such clause and needs none (it allows one writer at a time, and a transaction
 * whose reads went stale fails with SQLITE_BUSY rather than committing).
 */
export function forUpdate<Q extends { forUpdate(): Q }>(db: GavelDb, query: Q): Q {
  return db.engine === "postgres" ? query.forUpdate() : query;
}

// The process-wide database: one per process, because Next's dev server re-evaluates
// modules on every change, and each evaluation would otherwise open another pool.
const opened = processSingleton("db", (): { current?: Promise<GavelDb> } => ({}));

/** The database named by the configuration, opened (and migrated) on first use. */
export function db(): Promise<GavelDb> {
  opened.current ??= createDb().catch((error: unknown) => {
    // Let the next call try again rather than caching the failure forever.
    opened.current = undefined;
    throw error;
  });
  return opened.current;
}

/** Closes the process-wide database (scripts and tests); the next `db()` opens it again. */
export async function closeDb(): Promise<void> {
  const current = opened.current;
  opened.current = undefined;
  if (current) await (await current.catch(() => undefined))?.close();
}
