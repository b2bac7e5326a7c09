/**
 * The users CLI, run as people run it (a child process under tsx), against a fresh
 * database; results are checked through the repository. Every run costs a couple of
 * seconds of CPU (tsx compiling the imports), so the full set runs on SQLite, and
 * PostgreSQL gets a smoke test that DATABASE_URL reaches it: the repository itself is
 * tested on both engines in lib/db.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { GavelDb } from "../lib/db";
import { parseEnv } from "../lib/config/env";
import { queryAudit } from "../lib/db/audit";
import { createUser, getUserByEmail, verifyPassword } from "../lib/db/users";
import { DEMO_EMAILS, DEMO_USERS } from "../lib/sandbox/demo-users";
import { prepareDatabase } from "../lib/sandbox/prepare";
import { engines, type TestTarget } from "../lib/testing/db-engines";

const root = path.resolve(import.meta.dirname, "..");
// `npx tsx` resolves to this binary; calling it directly lets the child run in an
// empty directory, where no developer's .env can point it at a real database.
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const script = path.join(root, "scripts", "users.ts");

// Spawn-heavy tests on a 2-core machine that may be busy with other work.
vi.setConfig({ testTimeout: 120_000 });

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("npm run users", () => {
    const full = engine.name === "sqlite";
    let t: TestTarget;
    let db: GavelDb;
    let cwd: string;

    function users(...args: string[]): Promise<Run> {
      return usersOn(t, ...args);
    }

    function usersOn(target: TestTarget, ...args: string[]): Promise<Run> {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        // Empty rather than absent, so that no .env file can fill them in.
        DATABASE_URL: "",
        GAVEL_DATA_DIR: path.join(cwd, "data"),
        ...target.env,
      };
      return new Promise((resolve, reject) => {
        // stdin is not a terminal here: the CLI must never wait for a password.
        const child = spawn(tsx, [script, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"], timeout: 110_000 });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
      });
    }

    function generated(run: Run): string {
      const m = /shown once, store it now\): (\S+)$/m.exec(run.stdout);
      if (!m?.[1]) throw new Error(`no generated password in:\n${run.stdout}\n${run.stderr}`);
      return m[1];
    }

    beforeAll(async () => {
      cwd = mkdtempSync(path.join(os.tmpdir(), "gavel-users-cli-"));
      t = await engine.fresh();
      db = await t.open();
    });
    afterAll(async () => {
      await t?.dispose();
      rmSync(cwd, { recursive: true, force: true });
    });

    it.runIf(full)("starts on a new database from two processes at once", async () => {
      const fresh = await engine.fresh();
      try {
        const [a, b] = await Promise.all([usersOn(fresh, "list"), usersOn(fresh, "list")]);
        expect([a.code, b.code, a.stderr + b.stderr]).toEqual([0, 0, ""]);
        expect(a.stdout).toMatch(/No users yet/);
      } finally {
        await fresh.dispose();
      }
    });

    it("add --generate prints a password once, and it works", async () => {
      const run = await users("add", "--email", "Ann@Example.com", "--role", "admin", "--name", "Ann", "--generate");
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Added admin ann@example\.com \(Ann\)\./m);
      const password = generated(run);
      expect(password).toHaveLength(24);
      const check = await verifyPassword(db, "ann@example.com", password);
      expect(check.ok && check.user.role).toBe("admin");
    });

    it.runIf(full)("add --password stores that password; with no password and no terminal, generates one", async () => {
      const given = await users(
        "add",
        "--email",
        "mo@example.com",
        "--role",
        "moderator",
        "--password",
        "a long enough password",
      );
      expect(given.code).toBe(0);
      expect(given.stdout).not.toMatch(/Generated password/);
      expect((await verifyPassword(db, "mo@example.com", "a long enough password")).ok).toBe(true);

      const piped = await users("add", "--email", "sue@example.com", "--role", "support");
      expect(piped.code).toBe(0);
      expect((await getUserByEmail(db, "sue@example.com"))?.name).toBe("sue");
      expect((await verifyPassword(db, "sue@example.com", generated(piped))).ok).toBe(true);
    });

    it.runIf(full)("add --sso-only makes a user without a password", async () => {
      const run = await users("add", "--email", "sso@example.com", "--role", "support", "--sso-only");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/single sign-on only/);
      expect((await getUserByEmail(db, "sso@example.com"))?.hasPassword).toBe(false);
    });

    it.runIf(full)("explains what is wrong, with exit code 2 for a bad command line and 1 for a refusal", async () => {
      const cases: [string[], number, RegExp][] = [
        [["add", "--email", "ANN@example.com", "--role", "admin", "--sso-only"], 1, /already exists/],
        [["add", "--email", "x@example.com", "--role", "owner"], 2, /--role must be "moderator", "support" or "admin"/],
        [["add", "--role", "admin"], 2, /--email is required/],
        [
          ["add", "--email", "x@example.com", "--role", "admin", "--password", "short"],
          2,
          /--password must be at least 12 characters/,
        ],
        [["add", "--email", "x@example.com", "--role", "admin", "--colour"], 2, /Unknown option '--colour'/],
        [["frobnicate"], 2, /unknown command "frobnicate"/],
        [["disable", "--email", "ghost@example.com"], 1, /no user with the email ghost@example\.com/],
        [["set-role", "--email", "ann@example.com", "--role", "support"], 1, /last active admin/],
      ];
      const runs = await Promise.all(cases.map(([args]) => users(...args)));
      runs.forEach((run, i) => {
        const [args, code, message] = cases[i]!;
        expect({ args, code: run.code, stderr: run.stderr }).toEqual({
          args,
          code,
          stderr: expect.stringMatching(message),
        });
      });
      expect(await getUserByEmail(db, "ann@example.com")).toMatchObject({ role: "admin", disabled: false });
      expect(await getUserByEmail(db, "x@example.com")).toBeUndefined();
    });

    it.runIf(full)("set-role, disable, enable and reset-password", async () => {
      expect((await users("set-role", "--email", "mo@example.com", "--role", "admin")).stdout).toMatch(
        /mo@example\.com: moderator → admin/,
      );
      expect((await users("set-role", "--email", "ann@example.com", "--role", "support")).code).toBe(0);
      expect((await users("disable", "--email", "ann@example.com")).code).toBe(0);
      expect(await getUserByEmail(db, "ann@example.com")).toMatchObject({ role: "support", disabled: true });
      expect((await users("enable", "--email", "ann@example.com")).stdout).toMatch(/Enabled ann@example\.com/);

      const reset = await users("reset-password", "--email", "sso@example.com", "--generate");
      expect(reset.code).toBe(0);
      expect((await verifyPassword(db, "sso@example.com", generated(reset))).ok).toBe(true);
    });

    it("remove-demo takes the sandbox's demo accounts out, records it, and then a real start accepts the database", async () => {
      for (const d of DEMO_USERS) await createUser(db, d);
      const start = prepareDatabase(
        parseEnv({ ...t.env, SINCH_APPLICATION_KEY: "k", SINCH_APPLICATION_SECRET: "c2VjcmV0" }),
      );
      await expect(start).rejects.toThrow(/Remove them with: npm run users -- remove-demo/);

      const run = await users("remove-demo");
      expect([run.code, run.stderr]).toEqual([0, ""]);
      expect(run.stdout).toMatch(/^Removed the demo accounts .*admin@gavel\.test/m);
      for (const email of DEMO_EMAILS) expect(await getUserByEmail(db, email)).toBeUndefined();
      const [entry, ...more] = (await queryAudit(db, { action: "user.remove_demo", limit: 10 })).rows;
      expect(more).toEqual([]);
      expect(entry).toMatchObject({ outcome: "succeeded", action: "user.remove_demo" });
      expect(JSON.parse(entry?.params ?? "null")).toMatchObject({ via: "npm run users -- remove-demo" });
      await expect(
        prepareDatabase(parseEnv({ ...t.env, SINCH_APPLICATION_KEY: "k", SINCH_APPLICATION_SECRET: "c2VjcmV0" })),
      ).resolves.toBeUndefined();

      const again = await users("remove-demo");
      expect([again.code, again.stdout]).toEqual([0, expect.stringMatching(/^No demo accounts in /)]);
    });

    it.runIf(full)("add refuses a demo account's email outside the sandbox's database", async () => {
      const run = await users("add", "--email", "admin@gavel.test", "--role", "admin", "--generate");
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/is a sandbox demo account/);
      expect(await getUserByEmail(db, "admin@gavel.test")).toBeUndefined();
    });

    it("list shows everyone, as a table or as JSON", async () => {
      const table = await users("list");
      expect(table.code).toBe(0);
      expect(table.stdout.split("\n")[0]).toMatch(/^EMAIL\s+NAME\s+ROLE\s+STATUS\s+SIGN-IN\s+LAST LOGIN$/);
      expect(table.stdout).toMatch(/^ann@example\.com\s+Ann\s+\w+\s+active\s+password\s+never$/m);
      const json = JSON.parse((await users("list", "--json")).stdout) as { email: string }[];
      expect(json.map((u) => u.email)).toEqual(
        full ? ["ann@example.com", "mo@example.com", "sso@example.com", "sue@example.com"] : ["ann@example.com"],
      );
    });
  });
});
