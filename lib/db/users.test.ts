import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { engines, type TestTarget } from "../testing/db-engines";
import { DuplicateEmailError, LastAdminError, NotFoundError } from "./errors";
import type { GavelDb } from "./index";
import {
  BCRYPT_COST,
  DUMMY_HASH,
  countActiveAdmins,
  createUser,
  getUserByEmail,
  getUserById,
  listUsers,
  resetPassword,
  setDisabled,
  setName,
  setRole,
  touchLogin,
  verifyPassword,
} from "./users";

const PASSWORD = "correct horse battery staple";

// Each bcrypt hash or check at cost 12 is about 0.3 s of CPU, and several tests do ten
// of them: give them room on a busy 2-core machine.
vi.setConfig({ testTimeout: 90_000 });

it("the dummy hash costs what a real one does", () => {
  expect(bcrypt.getRounds(DUMMY_HASH)).toBe(BCRYPT_COST);
});

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("users repository", () => {
    let t: TestTarget;
    let db: GavelDb;
    beforeAll(async () => {
      t = await engine.fresh();
      db = await t.open();
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it("creates a user with a lower-cased email and finds it by id and by email in any case", async () => {
      const { user, generatedPassword } = await createUser(db, {
        email: "  Ann.Admin@Example.COM ",
        name: " Ann ",
        role: "admin",
        password: PASSWORD,
      });
      expect(generatedPassword).toBeNull();
      expect(user).toMatchObject({
        email: "ann.admin@example.com",
        name: "Ann",
        role: "admin",
        disabled: false,
        hasPassword: true,
        lastLoginAt: null,
      });
      expect(typeof user.createdAt).toBe("number");
      expect(await getUserById(db, user.id)).toEqual(user);
      expect(await getUserByEmail(db, "ANN.ADMIN@example.com")).toEqual(user);
      expect(await getUserByEmail(db, "nobody@example.com")).toBeUndefined();
      expect(await getUserById(db, "not-a-uuid")).toBeUndefined();
    });

    it("refuses a second user with the same email in another case", async () => {
      await createUser(db, { email: "dup@example.com", name: "One", role: "moderator" });
      await expect(createUser(db, { email: "DUP@Example.com", name: "Two", role: "support" })).rejects.toBeInstanceOf(
        DuplicateEmailError,
      );
      await expect(createUser(db, { email: "DUP@Example.com", name: "Two", role: "support" })).rejects.toThrow(
        "A user with the email dup@example.com already exists",
      );
    });

    it("validates input", async () => {
      await expect(createUser(db, { email: "not-an-email", name: "X", role: "admin" })).rejects.toBeInstanceOf(
        ZodError,
      );
      await expect(
        createUser(db, { email: "short@example.com", name: "X", role: "admin", password: "too-short" }),
      ).rejects.toBeInstanceOf(ZodError);
      await expect(
        createUser(db, { email: "long@example.com", name: "X", role: "admin", password: "é".repeat(37) }),
      ).rejects.toThrow(/at most 72 bytes/);
      await expect(
        createUser(db, { email: "role@example.com", name: "X", role: "owner" as "admin" }),
      ).rejects.toBeInstanceOf(ZodError);
      await expect(createUser(db, { email: "name@example.com", name: " ", role: "admin" })).rejects.toBeInstanceOf(
        ZodError,
      );
    });

    it("makes SSO-only users (no password) and generated passwords", async () => {
      const sso = await createUser(db, { email: "sso@example.com", name: "Sso", role: "support" });
      expect(sso.user.hasPassword).toBe(false);
      expect(await verifyPassword(db, "sso@example.com", "")).toEqual({ ok: false, reason: "invalid" });

      const gen = await createUser(db, {
        email: "gen@example.com",
        name: "Gen",
        role: "moderator",
        password: "generate",
      });
      expect(gen.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
      const check = await verifyPassword(db, "gen@example.com", gen.generatedPassword!);
      expect(check.ok).toBe(true);
    });

    it("verifies passwords: right, wrong, unknown email, disabled, over 72 bytes", async () => {
      const { user } = await createUser(db, {
        email: "pat@example.com",
        name: "Pat",
        role: "moderator",
        password: PASSWORD,
      });
      const right = await verifyPassword(db, "PAT@example.com", PASSWORD);
      expect(right).toEqual({ ok: true, user });
      expect(await verifyPassword(db, "pat@example.com", PASSWORD + "!")).toEqual({ ok: false, reason: "invalid" });
      expect(await verifyPassword(db, "nobody@example.com", PASSWORD)).toEqual({ ok: false, reason: "invalid" });
      expect(await verifyPassword(db, "not an email", PASSWORD)).toEqual({ ok: false, reason: "invalid" });
      // bcrypt would accept this (it only reads 72 bytes); we must not.
      const long = await createUser(db, {
        email: "long72@example.com",
        name: "L",
        role: "support",
        password: "x".repeat(72),
      });
      expect(await verifyPassword(db, long.user.email, "x".repeat(72) + "yz")).toEqual({
        ok: false,
        reason: "invalid",
      });

      await setDisabled(db, user.id, true);
      expect(await verifyPassword(db, "pat@example.com", PASSWORD)).toEqual({ ok: false, reason: "disabled" });
      expect(await verifyPassword(db, "pat@example.com", "wrong password!")).toEqual({ ok: false, reason: "invalid" });
      await setDisabled(db, user.id, false);
    });

    it("runs one bcrypt comparison at the same cost whether or not the email has an account", async () => {
      // Timing is what an attacker measures; the test asserts its cause instead of the
      // clock: every path does exactly one comparison against a cost-12 hash.
      await createUser(db, { email: "timing@example.com", name: "T", role: "support", password: PASSWORD });
      const { user: hashless } = await createUser(db, { email: "hashless@example.com", name: "H", role: "support" });
      await db.kysely.updateTable("users").set({ password_hash: null }).where("id", "=", hashless.id).execute();
      for (const email of ["timing@example.com", "no-such-user@example.com", "not an email", "hashless@example.com"]) {
        const compare = vi.fn(async (password: string, hash: string) => bcrypt.compare(password, hash));
        expect((await verifyPassword(db, email, "a wrong password", compare)).ok, email).toBe(false);
        expect(compare, email).toHaveBeenCalledTimes(1);
        expect(bcrypt.getRounds(compare.mock.calls[0]![1]), email).toBe(BCRYPT_COST);
      }
    });

    it("re-hashes a password made at another cost on the next successful sign-in", async () => {
      const { user } = await createUser(db, { email: "old@example.com", name: "Old", role: "support" });
      await db.kysely
        .updateTable("users")
        .set({ password_hash: await bcrypt.hash(PASSWORD, 4) })
        .where("id", "=", user.id)
        .execute();
      expect((await verifyPassword(db, "old@example.com", PASSWORD)).ok).toBe(true);
      const row = await db.kysely
        .selectFrom("users")
        .select("password_hash")
        .where("id", "=", user.id)
        .executeTakeFirstOrThrow();
      expect(bcrypt.getRounds(row.password_hash!)).toBe(BCRYPT_COST);
      expect((await verifyPassword(db, "old@example.com", PASSWORD)).ok).toBe(true);
    });

    it("resets passwords, sets names and records sign-ins", async () => {
      const { user } = await createUser(db, {
        email: "reset@example.com",
        name: "Reset",
        role: "moderator",
        password: PASSWORD,
      });
      const { generatedPassword } = await resetPassword(db, user.id, "generate");
      expect((await verifyPassword(db, user.email, PASSWORD)).ok).toBe(false);
      expect((await verifyPassword(db, user.email, generatedPassword!)).ok).toBe(true);
      await resetPassword(db, user.id, "another long password");
      expect((await verifyPassword(db, user.email, "another long password")).ok).toBe(true);
      await expect(resetPassword(db, user.id, "short")).rejects.toBeInstanceOf(ZodError);
      await expect(resetPassword(db, crypto.randomUUID(), "another long password")).rejects.toBeInstanceOf(
        NotFoundError,
      );

      expect((await setName(db, user.id, "  Renamed ")).name).toBe("Renamed");
      await touchLogin(db, user.id, 1_767_225_600_000);
      expect((await getUserById(db, user.id))?.lastLoginAt).toBe(1_767_225_600_000);
    });

    it("lists users by email", async () => {
      const emails = (await listUsers(db)).map((u) => u.email);
      expect(emails).toEqual([...emails].sort());
      expect(emails).toContain("ann.admin@example.com");
    });
  });

  describe.skipIf(engine.skip)("the last active admin", () => {
    let t: TestTarget;
    let db: GavelDb;
    beforeAll(async () => {
      t = await engine.fresh();
      db = await t.open();
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it("cannot be demoted or disabled; once there is another admin, can", async () => {
      const ann = (await createUser(db, { email: "ann@example.com", name: "Ann", role: "admin" })).user;
      const bob = (await createUser(db, { email: "bob@example.com", name: "Bob", role: "moderator" })).user;

      await expect(setRole(db, ann.id, "moderator")).rejects.toBeInstanceOf(LastAdminError);
      await expect(setRole(db, ann.id, "support")).rejects.toThrow(
        "Cannot demote ann@example.com: they are the last active admin",
      );
      await expect(setDisabled(db, ann.id, true)).rejects.toThrow(
        "Cannot disable ann@example.com: they are the last active admin",
      );
      expect(await getUserById(db, ann.id)).toMatchObject({ role: "admin", disabled: false });
      // No-ops on the last admin are fine.
      expect((await setRole(db, ann.id, "admin")).role).toBe("admin");
      expect((await setDisabled(db, ann.id, false)).disabled).toBe(false);

      await setRole(db, bob.id, "admin");
      expect((await setRole(db, ann.id, "moderator")).role).toBe("moderator");
      // Now Bob is the last one.
      await expect(setDisabled(db, bob.id, true)).rejects.toBeInstanceOf(LastAdminError);
      expect(await countActiveAdmins(db)).toBe(1);
    });

    it("a disabled admin does not count as one", async () => {
      const carl = (await createUser(db, { email: "carl@example.com", name: "Carl", role: "admin" })).user;
      await setDisabled(db, carl.id, true);
      const bob = await getUserByEmail(db, "bob@example.com");
      await expect(setRole(db, bob!.id, "support")).rejects.toBeInstanceOf(LastAdminError);
      // Changing the disabled admin itself is allowed: it changes nothing about who can manage users.
      expect((await setRole(db, carl.id, "support")).role).toBe("support");
      await setRole(db, carl.id, "admin");
      await setDisabled(db, carl.id, false);
      expect((await setDisabled(db, bob!.id, true)).disabled).toBe(true);
    });

    it("unknown users are NotFoundError", async () => {
      await expect(setRole(db, crypto.randomUUID(), "admin")).rejects.toBeInstanceOf(NotFoundError);
      await expect(setDisabled(db, "nope", true)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("two admins demoting each other at once leave one admin", async () => {
      const fresh = await engine.fresh();
      try {
        const a = await fresh.open();
        // Two app instances on PostgreSQL. On SQLite two instances in one process would
        // block each other's synchronous writes; one connection still interleaves the calls.
        const b = engine.name === "postgres" ? await fresh.open() : a;
        const x = (await createUser(a, { email: "x@example.com", name: "X", role: "admin" })).user;
        const y = (await createUser(a, { email: "y@example.com", name: "Y", role: "admin" })).user;
        const results = await Promise.allSettled([setRole(a, x.id, "moderator"), setRole(b, y.id, "moderator")]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(rejected).toHaveLength(1);
        expect(rejected[0]!.reason).toBeInstanceOf(LastAdminError);
        expect(await countActiveAdmins(a)).toBe(1);
      } finally {
        await fresh.dispose();
      }
    });
  });
});
