/**
 * Prepared SQLite statements kept by their SQL: Kysely's SQLite driver prepares every
 * query afresh, and the profile of a mute (BENCHMARKS.md) puts a tenth of its server
 * CPU in SQLite, mostly preparing the same few statements again. better-sqlite3 is
 * synchronous, so a statement can be run again as soon as a run returns; only one
 * being iterated (a streamed export) is busy, and then a fresh one is prepared. A
 * schema change (a migration) makes SQLite recompile a kept statement itself.
 */
import type Database from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** How many distinct statements are kept; past it the least recently used go. */
export const STATEMENT_CACHE_MAX = 500;

/** `sqlite` for Kysely's SqliteDialect, reusing prepared statements by their SQL. */
export function withStatementCache(sqlite: Database.Database, max = STATEMENT_CACHE_MAX): SqliteDatabase {
  const kept = new Map<string, Database.Statement>();
  return {
    close: () => {
      kept.clear();
      sqlite.close();
    },
    prepare(sql: string): SqliteStatement {
      const hit = kept.get(sql);
      if (hit && !hit.busy) {
        // Most recently used last: the map's order is the eviction order.
        kept.delete(sql);
        kept.set(sql, hit);
        return hit as unknown as SqliteStatement;
      }
      const stmt = sqlite.prepare(sql);
      if (!hit) {
        kept.set(sql, stmt);
        if (kept.size > max) kept.delete(kept.keys().next().value!);
      }
      return stmt as unknown as SqliteStatement;
    },
  };
}
