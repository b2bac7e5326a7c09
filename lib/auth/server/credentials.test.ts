/**
 * Sign-in input on both engines: a NUL or control character in the email or password
 * is refused with the normal sentence before it reaches the database (on PostgreSQL a
 * NUL once showed the raw database error to the browser: issue 11, finding 13); and a
 * lock-out attempt does not stop the owner on a browser the account knows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GavelDb } from "../../db";
import { createUser } from "../../db/users";
import { engines, type TestTarget } from "../../testing/db-engines";
import { releaseProcessDb, useProcessDb } from "../../testing/process-db";
import { BAD_CREDENTIALS, authorizeCredentials } from "./credentials";

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("credentials sign-in", () => {
    let t: TestTarget;
    let db: GavelDb;
    beforeAll(async () => {
      t = await engine.fresh();
      db = await useProcessDb(t);
    });
    afterAll(async () => {
      await releaseProcessDb();
      await t?.dispose();
    });

    it("refuses NUL and control characters with the normal sentence, counting nothing against anyone", async () => {
      for (const credentials of [
        { email: "ann\u0000@example.com", password: "whatever it is" },
        { email: "\u0000", password: "x" },
        { email: "ann@example.com", password: "pass\u0000word" },
        { email: "ann@example.com\u001b[2J", password: "x" },
      ]) {
        await expect(authorizeCredentials(credentials)).rejects.toThrow(BAD_CREDENTIALS);
      }
      const counted = await db.kysely.selectFrom("login_attempts").selectAll().execute();
      expect(counted).toEqual([]);
      const audited = await db.kysely.selectFrom("audit_log").select("actor_email").execute();
      expect(audited.every((r) => !r.actor_email?.includes("\u0000"))).toBe(true);
    });

    it("answers a wrong password with the normal sentence, and the right one with the user", async () => {
      const { user } = await createUser(db, {
        email: "owner@example.com",
        name: "Owner",
        role: "moderator",
        password: "the right password",
      });
      await expect(authorizeCredentials({ email: "owner@example.com", password: "wrong one" })).rejects.toThrow(
        BAD_CREDENTIALS,
      );
      await expect(
        authorizeCredentials({ email: "Owner@Example.com", password: "the right password" }),
      ).resolves.toMatchObject({ id: user.id });
    });
  });
});
