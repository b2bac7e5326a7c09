/**
 * API tokens through real requests against the real emulator (issue 14): an admin
 * makes a token for a moderator, a plain HTTP client (no cookie, no Sec-Fetch-Site,
 * like curl) mutes a participant with it, audited as the moderator through that token;
 * revoked, expired, unknown and disabled-user tokens are refused with one 401; the
 * token carries its user's current role; a token cannot make tokens; a request with a
 * cookie and a token still needs to be same-origin. (Test code: sets process.env.)
 */
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { moderator, admin, call, envelope, TEST_ORIGIN, type Who } from "../../testing/route-requests";
import { routeWorldForFile } from "../../testing/route-world";
import type { ApiTokenList, CreatedApiToken } from "../types";

type OwnRoute = typeof import("../../../app/api/tokens/route");
type OwnRevokeRoute = typeof import("../../../app/api/tokens/[tokenId]/route");
type UserRoute = typeof import("../../../app/api/users/[userId]/tokens/route");
type UserRevokeRoute = typeof import("../../../app/api/users/[userId]/tokens/[tokenId]/route");
type LiveRoute = typeof import("../../../app/api/conferences/[conferenceId]/participants/route");
type ManageRoute = typeof import("../../../app/api/conferences/[conferenceId]/participants/[callId]/route");

const other: Who = { uid: "6f1c1a52-1f1e-4a57-9a0c-3a4f0d0b0b04", email: "other@gavel.test", role: "moderator" };
// Never disabled here (disabling ends a user's sessions, and the test cookies with them).
const third: Who = { uid: "6f1c1a52-1f1e-4a57-9a0c-3a4f0d0b0b05", email: "third@gavel.test", role: "support" };

let own: OwnRoute;
let ownRevoke: OwnRevokeRoute;
let users: UserRoute;
let userRevoke: UserRevokeRoute;
let live: LiveRoute;
let manage: ManageRoute;

const world = routeWorldForFile({ name: "tokens" });

beforeAll(async () => {
  own = await import("../../../app/api/tokens/route");
  ownRevoke = await import("../../../app/api/tokens/[tokenId]/route");
  users = await import("../../../app/api/users/[userId]/tokens/route");
  userRevoke = await import("../../../app/api/users/[userId]/tokens/[tokenId]/route");
  live = await import("../../../app/api/conferences/[conferenceId]/participants/route");
  manage = await import("../../../app/api/conferences/[conferenceId]/participants/[callId]/route");
  // The users the cookies name exist (route-requests makes them on first use).
  await call(own.GET, { method: "GET", as: moderator, path: "/api/tokens" });
  await call(own.GET, { method: "GET", as: other, path: "/api/tokens" });
});

let seq = 0;
const newRoom = () => `tokens-${process.pid}-${++seq}`;

async function makeFor(who: Who, name = "script", expiresInDays = 30): Promise<CreatedApiToken> {
  const res = await call(users.POST, {
    as: admin,
    path: `/api/users/${who.uid}/tokens`,
    params: { userId: who.uid },
    body: JSON.stringify({ name, expiresInDays }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as CreatedApiToken;
}

/** A request as curl sends it: the token, no cookie, no Sec-Fetch-Site, no Origin. */
function bearer(
  route: (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  token: string,
  c: { method: string; path: string; params: Record<string, string>; body?: string; headers?: Record<string, string> },
): Promise<Response> {
  const req = new NextRequest(`${TEST_ORIGIN}${c.path}`, {
    method: c.method,
    headers: { authorization: `Bearer ${token}`, ...c.headers },
    body: c.body,
  });
  return route(req, { params: Promise.resolve(c.params) });
}

function mute(token: string, conferenceId: string, callId: string, headers?: Record<string, string>) {
  return bearer(manage.PATCH, token, {
    method: "PATCH",
    path: `/api/conferences/${conferenceId}/participants/${callId}`,
    params: { conferenceId, callId },
    body: JSON.stringify({ command: "mute" }),
    headers,
  });
}

async function room(): Promise<{ id: string; callId: string }> {
  const id = newRoom();
  const r = world.emu.state.putRoom(id, [{ cli: "+46701000001" }]);
  return { id, callId: r.participants[0]!.callId };
}

async function auditRows(action: string) {
  const { db } = await import("../../db");
  return (await db()).kysely.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("at").execute();
}

describe("API tokens", () => {
  it("acts as its user over plain HTTP, audited as that user through that token, and is shown once", async () => {
    const made = await makeFor(moderator, "dial script");
    expect(made.token).toMatch(/^gvl_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    expect(made.apiToken).toMatchObject({ name: "dial script", status: "active", lastUsedAt: null });

    const listed = (await (
      await call(users.GET, {
        method: "GET",
        as: admin,
        path: `/api/users/${moderator.uid}/tokens`,
        params: { userId: moderator.uid },
      })
    ).json()) as ApiTokenList;
    expect(listed.tokens.map((t) => t.id)).toContain(made.apiToken.id);
    expect(JSON.stringify(listed)).not.toContain(made.token.slice(17));

    const { id, callId } = await room();
    const polled = await bearer(live.GET, made.token, {
      method: "GET",
      path: `/api/conferences/${id}/participants`,
      params: { conferenceId: id },
    });
    expect(polled.status).toBe(200);
    expect(polled.headers.get("x-gavel-role")).toBe("moderator");
    const res = await mute(made.token, id, callId);
    expect(res.status).toBe(200);
    expect(world.emu.state.getRoomView(id)?.participants[0]?.muted).toBe(true);

    const entry = (await auditRows("participant.mute")).find((r) => r.conference_id === id);
    expect(entry).toMatchObject({
      actor_id: moderator.uid,
      actor_role: "moderator",
      actor_token_id: made.apiToken.id,
      actor_token_name: "dial script",
      outcome: "succeeded",
    });
    const created = (await auditRows("token.create")).find((r) => r.params?.includes(made.apiToken.id));
    expect(created).toMatchObject({ actor_id: admin.uid, outcome: "succeeded", actor_token_id: null });
  });

  it("notes when it was last used", async () => {
    const made = await makeFor(moderator);
    const { id } = await room();
    await bearer(live.GET, made.token, {
      method: "GET",
      path: `/api/conferences/${id}/participants`,
      params: { conferenceId: id },
    });
    const { db } = await import("../../db");
    const { findApiToken } = await import("../../db/api-tokens");
    await vi.waitFor(async () => expect((await findApiToken(await db(), made.apiToken.id))?.lastUsedAt).not.toBeNull());
  });

  it("is refused with one 401 once revoked, when expired, unknown, mistyped, or its user is disabled", async () => {
    const { id, callId } = await room();
    const made = await makeFor(moderator);
    expect((await mute(made.token, id, callId)).status).toBe(200);

    const revoked = await call(userRevoke.DELETE, {
      method: "DELETE",
      as: admin,
      path: `/api/users/${moderator.uid}/tokens/${made.apiToken.id}`,
      params: { userId: moderator.uid, tokenId: made.apiToken.id },
    });
    expect(revoked.status).toBe(200);
    const refused = await mute(made.token, id, callId);
    expect(refused.status).toBe(401);
    const error = await envelope(refused);
    expect(error).toEqual({
      code: "unauthenticated",
      message: "This API token is not valid (revoked, expired or unknown, or its user is disabled).",
    });
    expect((await auditRows("token.revoke")).some((r) => r.params?.includes(made.apiToken.id))).toBe(true);

    const { db } = await import("../../db");
    const { createApiToken } = await import("../../db/api-tokens");
    const expired = await createApiToken(await db(), {
      userId: moderator.uid,
      name: "old",
      expiresAt: Date.now() - 1,
      createdBy: null,
    });
    const wrongSecret = `${made.token.slice(0, -1)}${made.token.endsWith("A") ? "B" : "A"}`;
    const unknown = `gvl_aaaaaaaaaaaa_${"A".repeat(43)}`;
    for (const token of [expired.token, wrongSecret, unknown, "not-a-token"]) {
      const res = await mute(token, id, callId);
      expect(res.status).toBe(401);
      expect((await envelope(res)).message).toBe(error.message);
    }
    const basic = await bearer(manage.PATCH, "x", {
      method: "PATCH",
      path: `/api/conferences/${id}/participants/${callId}`,
      params: { conferenceId: id, callId },
      headers: { authorization: "Basic dTpw" },
    });
    expect(basic.status).toBe(401);

    const disabledUser = await makeFor(other);
    const { setDisabled } = await import("../../db/users");
    const { forgetSessionState } = await import("../../auth/server/session-state");
    await setDisabled(await db(), other.uid, true);
    forgetSessionState(other.uid);
    expect((await mute(disabledUser.token, id, callId)).status).toBe(401);
    await setDisabled(await db(), other.uid, false);
    forgetSessionState(other.uid);
    expect((await mute(disabledUser.token, id, callId)).status).toBe(200);
  });

  it("carries its user's current role: a demotion applies to it", async () => {
    const { id, callId } = await room();
    const made = await makeFor(other);
    expect((await mute(made.token, id, callId)).status).toBe(200);
    const { db } = await import("../../db");
    const { setRole } = await import("../../db/users");
    const { forgetSessionState } = await import("../../auth/server/session-state");
    await setRole(await db(), other.uid, "support");
    forgetSessionState(other.uid);
    const res = await mute(made.token, id, callId);
    expect(res.status).toBe(403);
    expect(res.headers.get("x-gavel-role")).toBe("support");
    await setRole(await db(), other.uid, "moderator");
    forgetSessionState(other.uid);
  });

  it("needs the same origin when a cookie comes with it, and cannot make or revoke tokens", async () => {
    const { id, callId } = await room();
    const made = await makeFor(moderator);
    const { sessionCookie } = await import("../../testing/route-requests");
    const crossSite = await mute(made.token, id, callId, {
      cookie: await sessionCookie(moderator),
      "sec-fetch-site": "cross-site",
    });
    expect(crossSite.status).toBe(403);
    expect((await mute(made.token, id, callId, { "sec-fetch-site": "cross-site" })).status).toBe(200);

    const mint = await bearer(own.POST, made.token, {
      method: "POST",
      path: "/api/tokens",
      params: {},
      body: JSON.stringify({ name: "longer", expiresInDays: 365 }),
    });
    expect(mint.status).toBe(403);
    const undo = await bearer(ownRevoke.DELETE, made.token, {
      method: "DELETE",
      path: `/api/tokens/${made.apiToken.id}`,
      params: { tokenId: made.apiToken.id },
    });
    expect(undo.status).toBe(403);
  });

  it("lets any user manage their own tokens, only admins anyone's; expiry is required, at most a year", async () => {
    const mine = await call(own.POST, {
      as: third,
      path: "/api/tokens",
      params: {},
      body: JSON.stringify({ name: "mine", expiresInDays: 7 }),
    });
    expect(mine.status).toBe(200);
    const made = (await mine.json()) as CreatedApiToken;
    const listed = (await (
      await call(own.GET, { method: "GET", as: third, path: "/api/tokens" })
    ).json()) as ApiTokenList;
    expect(listed.tokens.map((t) => t.id)).toContain(made.apiToken.id);
    const theirs = (await (
      await call(own.GET, { method: "GET", as: moderator, path: "/api/tokens" })
    ).json()) as ApiTokenList;
    expect(theirs.tokens.map((t) => t.id)).not.toContain(made.apiToken.id);
    // Another user's token is not theirs to revoke.
    const notMine = await call(ownRevoke.DELETE, {
      method: "DELETE",
      as: moderator,
      path: `/api/tokens/${made.apiToken.id}`,
      params: { tokenId: made.apiToken.id },
    });
    expect(notMine.status).toBe(404);
    const revoked = await call(ownRevoke.DELETE, {
      method: "DELETE",
      as: third,
      path: `/api/tokens/${made.apiToken.id}`,
      params: { tokenId: made.apiToken.id },
    });
    expect(((await revoked.json()) as { apiToken: { status: string } }).apiToken.status).toBe("revoked");

    const forOther = await call(users.POST, {
      as: moderator,
      path: `/api/users/${third.uid}/tokens`,
      params: { userId: third.uid },
      body: JSON.stringify({ name: "x", expiresInDays: 7 }),
    });
    expect(forOther.status).toBe(403);
    for (const body of [{ name: "x" }, { name: "x", expiresInDays: 366 }, { name: " ", expiresInDays: 7 }]) {
      const res = await call(own.POST, { as: third, path: "/api/tokens", params: {}, body: JSON.stringify(body) });
      expect(res.status).toBe(400);
    }
  });
});
