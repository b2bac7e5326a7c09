/**
 * The route wrapper against real NextRequests and real next-auth session cookies
 * (encrypted with next-auth's own `encode`): origin checks, session and role,
 * parsing, the error envelope, and the request id on every answer. (Test code: sets
 * process.env before loading the wrapper.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { endpoint, file, json } from "../endpoint";
import { ApiError } from "../errors";
import {
  admin,
  call,
  envelope,
  sessionCookie,
  sessionCookieWithoutUser,
  support,
  TEST_ORIGIN as ORIGIN,
  TEST_ROUTE_ENV,
  TEST_SESSION_COOKIE as COOKIE,
  TEST_SESSION_SECRET as SECRET,
  type Who,
} from "../../testing/route-requests";

type Handler = typeof import("./handler");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let dataDir: string;
let handler: Handler;
let closeDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "gavel-handler-"));
  Object.assign(process.env, { ...TEST_ROUTE_ENV, GAVEL_DATA_DIR: dataDir });
  (await import("../../config/env")).resetConfigForTests();
  handler = await import("./handler");
  closeDb = (await import("../../db")).closeDb;
});

afterAll(async () => {
  await closeDb?.();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  // One log line per request: kept out of the test output (the test that reads them spies again).
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

const thingParams = z.object({ thingId: z.string().regex(/^t\d+$/, "is not a thing id") });

const update = endpoint({
  method: "POST",
  path: "/api/things/:thingId",
  permission: "users:manage",
  params: thingParams,
  body: z.object({ count: z.number({ error: "must be a number" }).int() }),
  reply: json<{ thingId: string; count: number; actor: string }>(),
});

const read = endpoint({
  method: "GET",
  path: "/api/things/:thingId",
  permission: "conference:view",
  params: thingParams,
  query: z.object({ limit: z.coerce.number().int().max(10, "must be at most 10").default(5) }),
  reply: json<{ thingId: string; limit: number }>(),
});

function updateRoute() {
  return handler.apiRoute(update, async ({ params, body, actor }) => ({ ...params, ...body, actor: actor.email }));
}

function readRoute() {
  return handler.apiRoute(read, async ({ params, query }) => ({ thingId: params.thingId, limit: query.limit }));
}

describe("same-origin check for state-changing requests", () => {
  it("accepts a mutation whose Sec-Fetch-Site is same-origin", async () => {
    const res = await call(updateRoute(), { as: admin, body: JSON.stringify({ count: 2 }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ thingId: "t1", count: 2, actor: admin.email });
  });

  it("refuses a cross-site mutation with 403, before looking at the session", async () => {
    const res = await call(updateRoute(), {
      headers: { "sec-fetch-site": "cross-site" },
      body: JSON.stringify({ count: 2 }),
    });
    expect(res.status).toBe(403);
    expect(await envelope(res)).toEqual({
      code: "forbidden",
      message: "Cross-origin requests are not accepted: use Gavel's own pages.",
    });
  });

  it("without Sec-Fetch-Site, accepts Gavel's own Origin and refuses another", async () => {
    const own = await call(updateRoute(), {
      as: admin,
      headers: { "sec-fetch-site": "", origin: ORIGIN },
      body: JSON.stringify({ count: 1 }),
    });
    expect(own.status).toBe(200);
    const other = await call(updateRoute(), {
      as: admin,
      headers: { "sec-fetch-site": "", origin: "https://evil.test" },
      body: JSON.stringify({ count: 1 }),
    });
    expect(other.status).toBe(403);
    expect((await envelope(other)).code).toBe("forbidden");
  });

  it("refuses a mutation that carries neither Sec-Fetch-Site nor Origin", async () => {
    const res = await call(updateRoute(), { as: admin, headers: { "sec-fetch-site": "" }, body: "{}" });
    expect(res.status).toBe(403);
  });

  it("lets a GET through without either header", async () => {
    const res = await call(readRoute(), { method: "GET", as: support, headers: { "sec-fetch-site": "" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ thingId: "t1", limit: 5 });
  });
});

describe("session and role", () => {
  it("answers 401 without a session cookie", async () => {
    const res = await call(readRoute(), { method: "GET" });
    expect(res.status).toBe(401);
    expect(await envelope(res)).toEqual({
      code: "unauthenticated",
      message: "Your session has ended. Sign in again to continue.",
    });
  });

  it("answers 401 for a cookie that does not decrypt with the server's secret", async () => {
    const forged = `${COOKIE}=${await encode({ token: { uid: admin.uid, role: "admin" }, secret: `${SECRET}-other` })}`;
    const res = await call(readRoute(), { method: "GET", cookie: forged });
    expect(res.status).toBe(401);
  });

  it("answers 401 for a disabled account's token", async () => {
    const res = await call(readRoute(), { method: "GET", as: { ...admin, disabled: true } });
    expect(res.status).toBe(401);
  });

  it("answers 403 with the permission's reason for a role that may not", async () => {
    const res = await call(updateRoute(), { as: support, body: JSON.stringify({ count: 1 }) });
    expect(res.status).toBe(403);
    expect(await envelope(res)).toEqual({ code: "forbidden", message: "Only admins can manage users." });
  });

  it("reads a session split over several cookies, as next-auth writes a long one", async () => {
    const whole = (await sessionCookie(admin)).slice(COOKIE.length + 1);
    const half = Math.ceil(whole.length / 2);
    const cookie = `${COOKIE}.1=${whole.slice(half)}; ${COOKIE}.0=${whole.slice(0, half)}`;
    const res = await call(updateRoute(), { cookie, body: JSON.stringify({ count: 3 }) });
    expect(res.status).toBe(200);
  });

  it("judges by the role the database holds now, not the one the token was issued with", async () => {
    const { db } = await import("../../db");
    const { createUser } = await import("../../db/users");
    const { user } = await createUser(await db(), {
      email: "demoted@gavel.test",
      name: "Demoted",
      role: "support",
      password: "generate",
    });
    // The token still says admin: the user's session state (at most 5 s old) says support.
    const who: Who = { uid: user.id, email: user.email, role: "admin" };
    const res = await call(updateRoute(), { as: who, body: JSON.stringify({ count: 1 }) });
    expect(res.status).toBe(403);
    // A token whose user is gone is nobody.
    const gone = await call(readRoute(), {
      method: "GET",
      cookie: await sessionCookieWithoutUser({ ...who, uid: "6f1c1a52-1f1e-4a57-9a0c-3a4f0d0b0aff" }),
    });
    expect(gone.status).toBe(401);
  });
});

describe("the role on every answer", () => {
  it("says which role the request was judged by, on success and on 403, so an open page can notice a change", async () => {
    const ok = await call(readRoute(), { method: "GET", as: support });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-gavel-role")).toBe("support");
    const refused = await call(updateRoute(), { as: support, body: JSON.stringify({ count: 1 }) });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("x-gavel-role")).toBe("support");
    // Nobody signed in: no role to tell.
    const anonymous = await call(readRoute(), { method: "GET" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("x-gavel-role")).toBeNull();
  });
});

describe("parsing", () => {
  it("refuses a body that is not JSON", async () => {
    const res = await call(updateRoute(), { as: admin, body: "{count: 2" });
    expect(res.status).toBe(400);
    expect(await envelope(res)).toEqual({ code: "validation_failed", message: "The request body is not valid JSON." });
  });

  it("names the field a body fails on, in the message and the details", async () => {
    const res = await call(updateRoute(), { as: admin, body: JSON.stringify({ count: "two" }) });
    expect(res.status).toBe(400);
    const error = await envelope(res);
    expect(error.code).toBe("validation_failed");
    expect(error.message).toBe("count: must be a number");
    expect(error.details?.fields).toEqual([{ path: "count", message: "must be a number" }]);
  });

  it("parses path parameters, and names the one that fails", async () => {
    const res = await call(updateRoute(), { as: admin, params: { thingId: "x9" }, body: JSON.stringify({ count: 1 }) });
    expect(res.status).toBe(400);
    expect((await envelope(res)).message).toBe("thingId: is not a thing id");
  });

  it("parses the query string", async () => {
    const ok = await call(readRoute(), { method: "GET", as: support, path: "/api/things/t1?limit=7" });
    expect(await ok.json()).toEqual({ thingId: "t1", limit: 7 });
    const bad = await call(readRoute(), { method: "GET", as: support, path: "/api/things/t1?limit=70" });
    expect(bad.status).toBe(400);
    expect((await envelope(bad)).message).toBe("limit: must be at most 10");
  });
});

describe("answers", () => {
  it("puts a fresh x-request-id on every answer, success or failure, and logs it with the actor", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    const ok = await call(updateRoute(), { as: admin, body: JSON.stringify({ count: 1 }) });
    const refused = await call(updateRoute(), { body: JSON.stringify({ count: 1 }) });
    const ids = [ok.headers.get("x-request-id"), refused.headers.get("x-request-id")];
    for (const id of ids) expect(id).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        event: "api_request",
        requestId: ids[0],
        method: "POST",
        path: "/api/things/t1",
        status: 200,
        actor: admin.email,
      }),
    );
    expect(logged).toContainEqual(expect.objectContaining({ event: "api_request", requestId: ids[1], status: 401 }));
  });

  it("answers 204 when the handler returns nothing, and keeps a handler's own Response", async () => {
    const empty = handler.apiRoute(
      endpoint({ method: "GET", path: "/api/nothing", permission: "conference:view", reply: json<void>() }),
      async () => undefined,
    );
    const none = await call(empty, { method: "GET", as: support });
    expect(none.status).toBe(204);
    expect(none.headers.get("x-request-id")).toMatch(UUID);

    const csv = handler.apiRoute(
      endpoint({ method: "GET", path: "/api/list.csv", permission: "conference:view", reply: file("text/csv") }),
      async () => new Response("a,b\n", { headers: { "content-type": "text/csv" } }),
    );
    const download = await call(csv, { method: "GET", as: support });
    expect(download.headers.get("content-type")).toBe("text/csv");
    expect(download.headers.get("x-request-id")).toMatch(UUID);
    expect(await download.text()).toBe("a,b\n");
  });

  it("sends Retry-After when the failure says when to try again", async () => {
    const limited = handler.apiRoute(read, async () => {
      throw new ApiError("rate_limited", "Sinch is rate limiting Gavel.", { retryAfterSeconds: 7 });
    });
    const res = await call(limited, { method: "GET", as: support });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(await envelope(res)).toEqual({
      code: "rate_limited",
      message: "Sinch is rate limiting Gavel.",
      details: { retryAfterSeconds: 7 },
    });
  });

  it("turns an unknown error into a generic 500 that keeps its message in the server log only", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void errors.push(line));
    const broken = handler.apiRoute(read, async () => {
      throw new Error("connection to db-7.internal refused (password=hunter2)");
    });
    const res = await call(broken, { method: "GET", as: support });
    expect(res.status).toBe(500);
    const requestId = res.headers.get("x-request-id");
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text)).toEqual({
      error: {
        code: "internal",
        message: "Something went wrong on Gavel's server. The request id identifies it in the log.",
      },
    });
    const unhandled = errors
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.event === "unhandled_error");
    expect(unhandled?.requestId).toBe(requestId);
    expect(String(unhandled?.error)).toContain("hunter2");
  });
});
