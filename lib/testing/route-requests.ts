/**
 * Requests to an API route as the browser sends them, for unit tests of routes and
 * of the route wrapper: a real NextRequest, and a real next-auth session cookie
 * sealed with next-auth's own `encode` under TEST_SESSION_SECRET. The test points
 * config() at TEST_ROUTE_ENV before loading the route. Test code.
 */
import { randomUUID } from "node:crypto";
import { encode, type JWT } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { expect } from "vitest";
import type { ErrorEnvelope } from "../api/errors";

export const TEST_SESSION_SECRET = "route-test-secret-that-is-long-enough-0123456789";
export const TEST_ORIGIN = "https://gavel.test";
/** NEXTAUTH_URL is not localhost, so next-auth names its cookie with the __Secure- prefix. */
export const TEST_SESSION_COOKIE = "__Secure-next-auth.session-token";

/** The environment the requests below are made for (add GAVEL_DATA_DIR). */
export const TEST_ROUTE_ENV = {
  NEXTAUTH_SECRET: TEST_SESSION_SECRET,
  NEXTAUTH_URL: TEST_ORIGIN,
  DATABASE_URL: "",
  SINCH_APPLICATION_KEY: "",
  SINCH_APPLICATION_SECRET: "",
  GAVEL_ROLE_REFRESH_SECONDS: "30",
};

export type Route = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string | string[] | undefined>> },
) => Promise<Response>;

export interface Who {
  uid: string;
  email: string;
  role: string;
  disabled?: boolean;
  /** The session generation the token was issued under (0 unless said otherwise). */
  gen?: number;
  /** The session's id; a fresh one unless said otherwise. */
  sid?: string;
}

export const admin: Who = {
  uid: "6f1c1a52-1f1e-4a57-9a0c-3a4f0d0b0a01",
  email: "admin@gavel.test",
  role: "admin",
};
export const support: Who = {
  uid: "6f1c1a52-1f1e-4a57-9a0c-3a4f0d0b0a02",
  email: "support@gavel.test",
  role: "support",
};
export const moderator: Who = {
  uid: "6f1c1a52-1f1e-4a57-9a0c-3a4f0d0b0a03",
  email: "mod@gavel.test",
  role: "moderator",
};

/**
 * Every request's session is checked against its user's row (lib/auth/server/session-state.ts):
 * the user a test cookie names exists, with the token's role, unless the test made it.
 */
async function ensureUser(who: Who): Promise<void> {
  const { db } = await import("../db");
  const now = Date.now();
  await (
    await db()
  ).kysely
    .insertInto("users")
    .values({
      id: who.uid,
      email: `route-${who.uid}@gavel.test`,
      name: who.email.split("@")[0] ?? "someone",
      role: who.role as "admin",
      password_hash: null,
      disabled: 0,
      created_at: now,
      updated_at: now,
      last_login_at: null,
      session_generation: 0,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function sessionCookie(who: Who): Promise<string> {
  await ensureUser(who);
  return sessionCookieWithoutUser(who);
}

/** A session cookie for a user the database may not hold (the session check refuses it then). */
export async function sessionCookieWithoutUser(who: Who): Promise<string> {
  const token: JWT = {
    uid: who.uid,
    email: who.email,
    name: who.email.split("@")[0],
    role: who.role,
    disabled: who.disabled ?? false,
    gen: who.gen ?? 0,
    sid: who.sid ?? randomUUID(),
  };
  return `${TEST_SESSION_COOKIE}=${await encode({ token, secret: TEST_SESSION_SECRET })}`;
}

export interface Call {
  method?: string;
  path?: string;
  as?: Who;
  cookie?: string;
  headers?: Record<string, string>;
  body?: string;
  params?: Record<string, string>;
}

/** A request as a browser on Gavel's own page sends it, unless the test says otherwise. */
export async function call(route: Route, c: Call = {}): Promise<Response> {
  const method = c.method ?? "POST";
  const headers: Record<string, string> = { "sec-fetch-site": "same-origin", ...c.headers };
  const cookie = c.cookie ?? (c.as ? await sessionCookie(c.as) : undefined);
  if (cookie) headers.cookie = cookie;
  const req = new NextRequest(`${TEST_ORIGIN}${c.path ?? "/api/things/t1"}`, { method, headers, body: c.body });
  return route(req, { params: Promise.resolve(c.params ?? { thingId: "t1" }) });
}

/** The error of an envelope answer, checking nothing else is beside it. */
export async function envelope(res: Response): Promise<ErrorEnvelope["error"]> {
  const body = (await res.json()) as ErrorEnvelope;
  expect(Object.keys(body)).toEqual(["error"]);
  return body.error;
}
