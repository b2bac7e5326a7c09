import { describe, expect, it } from "vitest";
import { engines, freshDbForSuite } from "../testing/db-engines";
import {
  countActiveApiTokens,
  createApiToken,
  findApiToken,
  listApiTokens,
  parseApiToken,
  revokeApiToken,
  secretMatches,
  touchApiToken,
} from "./api-tokens";
import { deleteUsersWithEmails } from "./user-removal";
import { createUser, setRole } from "./users";

const T0 = 1_767_225_600_000;
const DAY = 86_400_000;

describe("token shape", () => {
  it("reads gvl_<id>_<secret> and nothing else", () => {
    const secret = "A".repeat(42) + "_";
    expect(parseApiToken(`gvl_abcdefghij23_${secret}`)).toEqual({ id: "abcdefghij23", secret });
    expect(parseApiToken(`gvl_abcdefghij23_${secret}x`)).toBeUndefined();
    expect(parseApiToken(`xyz_abcdefghij23_${secret}`)).toBeUndefined();
    expect(parseApiToken(`gvl_ABCDEFGHIJ23_${secret}`)).toBeUndefined();
    expect(parseApiToken("")).toBeUndefined();
  });
});

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("api tokens", () => {
    let userId: string;
    const fresh = freshDbForSuite(engine, {
      setup: async (db) => {
        userId = (await createUser(db, { email: "tok@example.com", name: "Tok", role: "moderator" })).user.id;
      },
    });

    it("creates a token whose secret is stored only as a digest and matches only itself", async () => {
      const { apiToken, token } = await createApiToken(
        fresh.db,
        { userId, name: "deploy script", expiresAt: T0 + 30 * DAY, createdBy: userId },
        T0,
      );
      const parsed = parseApiToken(token);
      expect(parsed?.id).toBe(apiToken.id);
      const found = await findApiToken(fresh.db, apiToken.id);
      expect(found).toMatchObject({
        id: apiToken.id,
        userId,
        name: "deploy script",
        createdAt: T0,
        expiresAt: T0 + 30 * DAY,
        revokedAt: null,
        lastUsedAt: null,
        user: { email: "tok@example.com", name: "Tok", role: "moderator", disabled: false },
      });
      expect(found!.secretHash).toMatch(/^[0-9a-f]{64}$/);
      expect(found!.secretHash).not.toContain(parsed!.secret);
      expect(secretMatches(parsed!.secret, found!.secretHash)).toBe(true);
      expect(secretMatches(parsed!.secret.slice(0, -1) + "x", found!.secretHash)).toBe(false);
      expect(await findApiToken(fresh.db, "nosuchtoken0")).toBeUndefined();
    });

    it("reads the user's current role, lists newest first, counts active, revokes once, notes use", async () => {
      const a = (await createApiToken(fresh.db, { userId, name: "a", expiresAt: T0 + DAY, createdBy: null }, T0 + 1))
        .apiToken;
      const b = (
        await createApiToken(fresh.db, { userId, name: "b", expiresAt: T0 + 2 * DAY, createdBy: null }, T0 + 2)
      ).apiToken;
      await setRole(fresh.db, userId, "support");
      expect((await findApiToken(fresh.db, a.id))?.user.role).toBe("support");
      const names = (await listApiTokens(fresh.db, userId)).map((x) => x.name);
      expect(names.slice(0, 2)).toEqual(["b", "a"]);
      expect(await countActiveApiTokens(fresh.db, userId, T0 + DAY + 1)).toBe(2); // "deploy script" and b
      const revoked = await revokeApiToken(fresh.db, userId, b.id, T0 + 10);
      expect(revoked?.revokedAt).toBe(T0 + 10);
      expect((await revokeApiToken(fresh.db, userId, b.id, T0 + 20))?.revokedAt).toBe(T0 + 10);
      expect(await revokeApiToken(fresh.db, "someone-else", a.id, T0 + 20)).toBeUndefined();
      expect((await findApiToken(fresh.db, a.id))?.revokedAt).toBeNull();
      await touchApiToken(fresh.db, a.id, T0 + 30);
      expect((await findApiToken(fresh.db, a.id))?.lastUsedAt).toBe(T0 + 30);
    });

    it("goes with its user", async () => {
      const other = (await createUser(fresh.db, { email: "gone@example.com", name: "Gone", role: "moderator" })).user;
      const { apiToken } = await createApiToken(fresh.db, {
        userId: other.id,
        name: "x",
        expiresAt: T0 + DAY,
        createdBy: null,
      });
      await deleteUsersWithEmails(fresh.db, ["gone@example.com"]);
      expect(await findApiToken(fresh.db, apiToken.id)).toBeUndefined();
    });
  });
});
