/**
 * The database engines the lib/db tests run against: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set (start one with `.ci/start-postgres.sh`). Without it the
 * PostgreSQL suites are reported as skipped, with a warning; under CI=true a missing
 * TEST_DATABASE_URL fails the run instead, so CI cannot quietly test one engine.
 *
 * Each `fresh()` target is empty and private: a new temp directory for SQLite, a new
 * schema (gavel_test_…) for PostgreSQL, dropped again by `dispose()`. Nothing else in
 * the PostgreSQL database is touched.
 *
 * `freshDbForSuite(engine)` gives the tests of a describe block one such target, opened
 * before them and disposed after.
 *
 * Test code: reading process.env is allowed here.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createDb, type CreateDbOptions, type DbEngine, type GavelDb } from "../db";

const pgUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;
const inCi = /^(1|true|yes)$/i.test(process.env.CI?.trim() ?? "");

if (pgUrl === undefined) {
  if (inCi) {
    throw new Error(
      "TEST_DATABASE_URL is not set but CI is: the PostgreSQL tests must run in CI. " +
        'Start a server with `export TEST_DATABASE_URL="$(.ci/start-postgres.sh)"`.',
    );
  }
  console.warn(
    "\n⚠️  TEST_DATABASE_URL is not set: the PostgreSQL database tests are SKIPPED; only SQLite is tested.\n" +
      '    Run them with: export TEST_DATABASE_URL="$(.ci/start-postgres.sh)"\n',
  );
}

export interface TestTarget {
  /** What createDb needs to open this target: pass it to every instance that should share the data. */
  readonly options: CreateDbOptions;
  /** For a child process (the users CLI): the environment that points config() at this target. */
  readonly env: Record<string, string>;
  /** Opens another instance on the same data (like a second app process would). */
  open(): Promise<GavelDb>;
  /** Closes every instance opened here, then removes the data. */
  dispose(): Promise<void>;
}

export interface TestEngine {
  readonly name: DbEngine;
  /** True when this engine cannot be tested here (PostgreSQL without TEST_DATABASE_URL). */
  readonly skip: boolean;
  fresh(): Promise<TestTarget>;
}

function target(options: CreateDbOptions, env: Record<string, string>, cleanup: () => Promise<void>): TestTarget {
  const opened: GavelDb[] = [];
  return {
    options,
    env,
    async open() {
      const db = await createDb(options);
      opened.push(db);
      return db;
    },
    async dispose() {
      await Promise.all(opened.map((d) => d.close()));
      await cleanup();
    },
  };
}

const sqlite: TestEngine = {
  name: "sqlite",
  skip: false,
  async fresh() {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gavel-db-test-"));
    // DATABASE_URL names the file, so config() finds it whatever the mode (sandbox
    // mode's default file is sandbox.db, and tests run without Sinch credentials).
    return target({ dataDir: dir }, { GAVEL_DATA_DIR: dir, DATABASE_URL: path.join(dir, "gavel.db") }, async () => {
      rmSync(dir, { recursive: true, force: true });
    });
  },
};

async function withPgClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const postgres: TestEngine = {
  name: "postgres",
  skip: pgUrl === undefined,
  async fresh() {
    if (pgUrl === undefined) throw new Error("TEST_DATABASE_URL is not set");
    const url = pgUrl;
    const schema = `gavel_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    // The same schema for a child process, through the URL: libpq's `options` parameter.
    const u = new URL(url);
    u.searchParams.set("options", `-c search_path=${schema}`);
    await withPgClient(url, (c) => c.query(`create schema "${schema}"`));
    return target({ url, pgSchema: schema }, { DATABASE_URL: u.toString() }, () =>
      withPgClient(url, async (c) => {
        await c.query(`drop schema if exists "${schema}" cascade`);
      }),
    );
  },
};

export const engines: readonly TestEngine[] = [sqlite, postgres];

/** A describe block's own target and the instances opened on it (read them inside the tests). */
export interface FreshDb {
  readonly t: TestTarget;
  /** The first instance. */
  readonly db: GavelDb;
  /** Every instance opened on the data (several, like that many app processes). */
  readonly dbs: GavelDb[];
  /** The first two instances (opened with `instances: 2`). */
  readonly pair: [GavelDb, GavelDb];
  /** Closes every instance and opens as many again on the same data (a restart of the app processes). */
  restart(): Promise<void>;
}

/**
 * Registers, in the describe block it is called in, a fresh target of `engine` opened
 * before the tests (`instances` instances on the same data, then `setup` on them) and
 * disposed after them.
 */
export function freshDbForSuite(
  engine: TestEngine,
  opts: { instances?: number; setup?: (db: GavelDb) => Promise<void>; timeoutMs?: number } = {},
): FreshDb {
  let t: TestTarget | undefined;
  const dbs: GavelDb[] = [];
  beforeAll(async () => {
    t = await engine.fresh();
    for (let i = 0; i < (opts.instances ?? 1); i++) dbs.push(await t.open());
    await opts.setup?.(dbs[0]!);
  }, opts.timeoutMs);
  afterAll(async () => {
    await t?.dispose();
  });
  return {
    get t() {
      if (!t) throw new Error("freshDbForSuite: read the target inside a test, after beforeAll");
      return t;
    },
    get db() {
      return this.dbs[0]!;
    },
    get dbs() {
      if (dbs.length === 0) throw new Error("freshDbForSuite: read the instances inside a test, after beforeAll");
      return dbs;
    },
    get pair(): [GavelDb, GavelDb] {
      const [one, two] = this.dbs;
      if (!one || !two) throw new Error("freshDbForSuite: open two instances ({ instances: 2 }) for a pair");
      return [one, two];
    },
    async restart() {
      await Promise.all(this.dbs.map((d) => d.close()));
      for (let i = 0; i < dbs.length; i++) dbs[i] = await this.t.open();
    },
  };
}
