/**
 * The bearer check's own bounds (issue 14), with an injected clock: a revocation made
 * by another instance (straight in the database, so this process's cache is not told)
 * is seen once the cached row is TOKEN_CHECK_MS old; the last use is written at most
 * once a minute. (Test code: sets process.env through the route world.)
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startRouteWorld, type RouteWorld } from "../../testing/route-world";

let world: RouteWorld;

beforeAll(async () => {
  world = await startRouteWorld({ name: "api-token" });
});

afterAll(async () => {
  await world?.close();
});

async function setup() {
  const { db } = await import("../../db");
  const { createUser } = await import("../../db/users");
  const { createApiToken } = await import("../../db/api-tokens");
  const database = await db();
  const user = (
    await createUser(database, {
      email: `t${Math.random().toString(36).slice(2)}@example.com`,
      name: "T",
      role: "moderator",
    })
  ).user;
  const made = await createApiToken(database, {
    userId: user.id,
    name: "n",
    expiresAt: Date.now() + 86_400_000,
    createdBy: null,
  });
  return { database, user, ...made };
}

describe("tokenActor", () => {
  it("sees a revocation made elsewhere once its cached row is TOKEN_CHECK_MS old, not before", async () => {
    const { tokenActor, TOKEN_CHECK_MS } = await import("./api-token");
    const { revokeApiToken } = await import("../../db/api-tokens");
    const { database, user, apiToken, token } = await setup();
    const t0 = Date.now();
    expect((await tokenActor(`Bearer ${token}`, t0)).token).toEqual({ id: apiToken.id, name: "n" });
    await revokeApiToken(database, user.id, apiToken.id, t0);
    // Another instance's revocation: this process still holds the row it read.
    expect((await tokenActor(`Bearer ${token}`, t0 + TOKEN_CHECK_MS - 1)).id).toBe(user.id);
    await expect(tokenActor(`Bearer ${token}`, t0 + TOKEN_CHECK_MS)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("refuses a token at its expiry, and writes its last use at most once a minute", async () => {
    const { tokenActor, LAST_USED_EVERY_MS } = await import("./api-token");
    const apiTokens = await import("../../db/api-tokens");
    const touch = vi.spyOn(apiTokens, "touchApiToken");
    const { apiToken, token } = await setup();
    const t0 = Date.now();
    await tokenActor(`bearer ${token}`, t0);
    await tokenActor(`Bearer ${token}`, t0 + 1000);
    await tokenActor(`Bearer ${token}`, t0 + LAST_USED_EVERY_MS - 1);
    await vi.waitFor(() => expect(touch).toHaveBeenCalledTimes(1));
    await tokenActor(`Bearer ${token}`, t0 + LAST_USED_EVERY_MS);
    await vi.waitFor(() => expect(touch).toHaveBeenCalledTimes(2));
    await expect(tokenActor(`Bearer ${token}`, apiToken.expiresAt)).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
