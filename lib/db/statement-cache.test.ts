/** The statement cache (statement-cache.ts) against a real SQLite database. */
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, sql, type Generated } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { withStatementCache } from "./statement-cache";

let sqlite: Database.Database | undefined;
afterEach(() => sqlite?.close());

function open() {
  sqlite = new Database(":memory:");
  sqlite.exec("create table t (id integer primary key, v text)");
  const prepare = vi.spyOn(sqlite, "prepare");
  return { db: withStatementCache(sqlite, 3), prepare };
}

describe("withStatementCache", () => {
  it("prepares a statement once and runs it again", () => {
    const { db, prepare } = open();
    for (let i = 0; i < 5; i++) db.prepare("insert into t (v) values (?)").run([`v${i}`]);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(db.prepare("select count(*) as n from t").all([])).toEqual([{ n: 5 }]);
  });

  it("prepares a fresh statement while the kept one is being iterated", () => {
    const { db } = open();
    for (let i = 0; i < 3; i++) db.prepare("insert into t (v) values (?)").run([`v${i}`]);
    const q = "select v from t order by id";
    const seen: unknown[] = [];
    for (const row of db.prepare(q).iterate([])) seen.push([row, db.prepare(q).all([]).length]);
    expect(seen).toEqual([
      [{ v: "v0" }, 3],
      [{ v: "v1" }, 3],
      [{ v: "v2" }, 3],
    ]);
  });

  it("keeps at most its bound, dropping the least recently used", () => {
    const { db, prepare } = open();
    const q = (n: number) => `select ${n} as n`;
    for (const n of [1, 2, 3, 1, 4]) db.prepare(q(n)).all([]);
    expect(prepare).toHaveBeenCalledTimes(4);
    db.prepare(q(1)).all([]); // kept: used after 2 and 3
    expect(prepare).toHaveBeenCalledTimes(4);
    db.prepare(q(2)).all([]); // dropped when 4 came
    expect(prepare).toHaveBeenCalledTimes(5);
  });

  it("serves Kysely's queries", async () => {
    open();
    const k = new Kysely<{ t: { id: Generated<number>; v: string } }>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite!) }),
    });
    await k.insertInto("t").values({ v: "a" }).execute();
    await k.insertInto("t").values({ v: "b" }).execute();
    expect(await k.selectFrom("t").select("v").orderBy("id").execute()).toEqual([{ v: "a" }, { v: "b" }]);
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(k)).rows).toEqual([{ n: 2 }]);
  });
});
