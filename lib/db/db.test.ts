import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines, type TestTarget } from "../testing/db-engines";
import { redactUrl, resolveDbTarget } from "./index";
import { migrations } from "./migrations";
import { createUser, getUserByEmail } from "./users";

describe("resolveDbTarget", () => {
  it("uses PostgreSQL for postgres:// and postgresql:// URLs", () => {
    expect(resolveDbTarget({ url: "postgres://u@h/db" })).toEqual({ engine: "postgres", url: "postgres://u@h/db" });
    expect(resolveDbTarget({ url: "postgresql://u@h/db" }).engine).toBe("postgres");
  });

  it("treats anything else as a SQLite file, resolved to an absolute path", () => {
    expect(resolveDbTarget({ url: "var/gavel.sqlite" })).toEqual({
      engine: "sqlite",
      file: path.resolve("var/gavel.sqlite"),
    });
    expect(resolveDbTarget({ url: "file:/tmp/x.db" })).toEqual({ engine: "sqlite", file: "/tmp/x.db" });
  });

  it("puts gavel.db in the data directory when no URL is given", () => {
    expect(resolveDbTarget({ dataDir: "/srv/gavel" })).toEqual({ engine: "sqlite", file: "/srv/gavel/gavel.db" });
  });

  it("refuses other URL schemes with a message naming DATABASE_URL", () => {
    expect(() => resolveDbTarget({ url: "mysql://h/db" })).toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
  });

  it("hides the password when showing a URL", () => {
    expect(redactUrl("postgres://gavel:s3cret@db:5432/gavel")).toBe("postgres://gavel:***@db:5432/gavel");
  });
});

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("createDb", () => {
    let t: TestTarget;
    beforeAll(async () => {
      t = await engine.fresh();
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it("migrates a new database, and reopening it runs nothing again and keeps the data", async () => {
      const first = await t.open();
      const names = Object.keys(migrations).sort();
      const applied = async (db: typeof first) =>
        (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db.kysely)).rows.map(
          (r) => r.name,
        );
      expect(await applied(first)).toEqual(names);
      await createUser(first, { email: "keep@example.com", name: "Keep", role: "admin" });
      await first.close();

      const second = await t.open();
      expect(await applied(second)).toEqual(names);
      expect((await getUserByEmail(second, "keep@example.com"))?.name).toBe("Keep");
      const third = await t.open(); // a second instance beside the first
      expect(await applied(third)).toEqual(names);
    });

    it("returns epoch-millisecond BIGINTs as numbers", async () => {
      const db = await t.open();
      const at = 1_767_225_600_123; // beyond 32 bits
      await db.kysely.insertInto("login_attempts").values({ id: "bigint-check", key: "k", at }).execute();
      const row = await db.kysely
        .selectFrom("login_attempts")
        .select("at")
        .where("id", "=", "bigint-check")
        .executeTakeFirstOrThrow();
      expect(row.at).toBe(at);
      const n = await db.kysely
        .selectFrom("login_attempts")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(typeof n.n).toBe("number");
    });

    it.runIf(engine.name === "sqlite")("opens SQLite in WAL mode with a busy timeout", async () => {
      const db = await t.open();
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db.kysely);
      expect(mode.rows[0]?.journal_mode).toBe("wal");
      const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db.kysely);
      expect(busy.rows[0]?.timeout).toBeGreaterThan(0);
    });

    it.runIf(engine.name === "postgres")("lets two instances migrate a new schema at the same time", async () => {
      const fresh = await engine.fresh();
      try {
        const [a, b] = await Promise.all([fresh.open(), fresh.open()]);
        await createUser(a, { email: "race@example.com", name: "Race", role: "admin" });
        expect((await getUserByEmail(b, "race@example.com"))?.name).toBe("Race");
      } finally {
        await fresh.dispose();
      }
    });
  });
});

describe("files Gavel creates", () => {
  it("a new SQLite database is 0600 (with its -wal and -shm) in a 0700 folder", async () => {
    const { mkdtempSync, rmSync, statSync } = await import("node:fs");
    const os = await import("node:os");
    const { createDb } = await import("./index");
    const root = mkdtempSync(path.join(os.tmpdir(), "gavel-mode-"));
    const dir = path.join(root, "data");
    const file = path.join(dir, "gavel.db");
    const db = await createDb({ url: file });
    try {
      const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
      expect([mode(dir), mode(file), mode(`${file}-wal`), mode(`${file}-shm`)]).toEqual(["700", "600", "600", "600"]);
    } finally {
      await db.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
