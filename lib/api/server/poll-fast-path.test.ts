/**
 * The participants poll answered by the front server without Next: the real front
 * server over a socket, with the real participants route behind a stand-in for Next
 * (which adds next.config.js's headers, as Next does), real session cookies and the
 * real emulator. The fast path's answer is the route's, byte for byte and header for
 * header; anything it cannot prove goes to the route; it counts the rate limit; a
 * matching If-None-Match answers 304; viewers arriving during the window's fetch wait
 * for it at the front door. (Test code: sets process.env before loading routes.)
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { API_CSP, staticSecurityHeaders } from "../../security/headers";
import type { RunningEmulator } from "../../sinch/emulator";
import { sessionCookie, TEST_ORIGIN, type Who } from "../../testing/route-requests";
import { startRouteWorld, type RouteWorld } from "../../testing/route-world";
import { createFrontServer } from "./front-server";
import { pollBridge, registerPollBridge } from "./poll-bridge";

type LiveRoute = typeof import("../../../app/api/conferences/[conferenceId]/participants/route");

let world: RouteWorld;
let emu: RunningEmulator;
let liveRoute: LiveRoute;
let server: http.Server;
let port: number;
/** Requests that reached "Next" (the route). */
let reachedNext: string[] = [];
let logged: string[] = [];

/** As Next serves the route: a NextRequest, the route's Response, next.config.js's headers. */
async function asNext(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  reachedNext.push(`${req.method} ${req.url}`);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const nreq = new NextRequest(`${TEST_ORIGIN}${req.url}`, { method: req.method, headers });
  const conferenceId = decodeURIComponent((req.url ?? "").split("/")[3] ?? "");
  const answer = await liveRoute.GET(nreq, { params: Promise.resolve({ conferenceId }) });
  const out: Record<string, string> = {};
  for (const { key, value } of staticSecurityHeaders()) out[key.toLowerCase()] = value;
  out["content-security-policy"] = API_CSP;
  answer.headers.forEach((v, k) => (out[k] = v));
  res.writeHead(answer.status, out);
  res.end(Buffer.from(await answer.arrayBuffer()));
}

beforeAll(async () => {
  world = await startRouteWorld({
    name: "fast-path",
    env: { GAVEL_POLL_INTERVAL_MS: "1000", GAVEL_ROLE_REFRESH_SECONDS: "5", GAVEL_RATE_LIMIT_READS_PER_MINUTE: "60" },
  });
  emu = world.emu;
  liveRoute = await import("../../../app/api/conferences/[conferenceId]/participants/route");
  // As instrumentation.ts does in the server: the route reads the socket's address from the stamp.
  (await import("../../auth/server/peer-stamp")).installPeerStamp();
  server = createFrontServer((req, res) => asNext(req, res));
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((ok) => server?.close(ok));
  await world?.close();
});

beforeEach(() => {
  reachedNext = [];
  logged = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void logged.push(line));
  return () => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  };
});

let seq = 0;
function person(role = "moderator"): Who {
  seq++;
  return {
    uid: `6f1c1a52-1f1e-4a57-9a0c-${String(seq).padStart(12, "0")}`,
    email: `viewer${seq}@gavel.test`,
    role,
  };
}

function room(n = 30): string {
  const id = `fast-${process.pid}-${++seq}`;
  emu.state.putRoom(
    id,
    Array.from({ length: n }, (_, i) => ({ cli: `+4670100${String(i).padStart(4, "0")}` })),
  );
  return id;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function poll(conferenceId: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: "127.0.0.1", port, method: "GET", path: `/api/conferences/${conferenceId}/participants`, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    r.on("error", reject);
    r.end();
  });
}

/** The headers that differ between any two answers by nature. */
function comparable(h: http.IncomingHttpHeaders): Record<string, unknown> {
  const { date: _d, "x-request-id": _r, connection: _c, "keep-alive": _k, ...rest } = h;
  return rest;
}

function apiLines(): Record<string, unknown>[] {
  return logged.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === "api_request");
}

describe("the participants poll at the front door", () => {
  it("answers a proven poll itself, with the route's status, body, headers and log line", async () => {
    const id = room();
    const cookie = await sessionCookie(person());
    const headers = { cookie };
    const viaNext = await poll(id, headers);
    expect(reachedNext).toHaveLength(1);
    const fast = await poll(id, headers);
    expect(reachedNext).toHaveLength(1);

    expect(fast.status).toBe(200);
    expect(fast.status).toBe(viaNext.status);
    expect(fast.body.equals(viaNext.body)).toBe(true);
    expect(comparable(fast.headers)).toEqual(comparable(viaNext.headers));
    expect(fast.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const view = JSON.parse(fast.body.toString("utf8")) as { participants: unknown[]; fetchedAt: string };
    expect(view.participants).toHaveLength(30);
    expect(fast.headers["x-gavel-fetched-at"]).toBe(view.fetchedAt);

    const [lineNext, lineFast] = apiLines();
    expect(Object.keys(lineFast!).sort()).toEqual(Object.keys(lineNext!).sort());
    const same = (l: Record<string, unknown>) => ({ ...l, t: 0, ms: 0, requestId: "" });
    expect(same(lineFast!)).toEqual(same(lineNext!));
    expect(lineFast!.requestId).toBe(fast.headers["x-request-id"]);
    // Gzip'd once, from the shared answer, for a client that takes it (Next's own
    // compression gzips the route's plain answer).
    const gz = await poll(id, { cookie, "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(fast.body)).toBe(true);
    expect(reachedNext).toHaveLength(1);
  });

  it("counts the polls it answers in the metrics, under the route's path template", async () => {
    const id = room(2);
    const headers = { cookie: await sessionCookie(person()) };
    const { scrape } = await import("../../metrics/server/registry");
    const { parseScrape } = await import("../../metrics/scrape-text");
    const { conferencesApi } = await import("../../conferences/contract");
    const count = async () => {
      const families = parseScrape((await scrape()).body);
      const at = (family: string, labels: Record<string, string>) =>
        families
          .get(family)
          ?.samples.filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
          .reduce((n, s) => n + s.value, 0) ?? 0;
      return {
        fast: at("gavel_poll_requests_total", { served_by: "fast_path" }),
        route: at("gavel_poll_requests_total", { served_by: "route" }),
        requests: at("gavel_http_requests_total", { route: conferencesApi.live.path, status: "200" }),
      };
    };
    const before = await count();
    await poll(id, headers);
    await poll(id, headers);
    expect(reachedNext).toHaveLength(1);
    const after = await count();
    expect(after.route - before.route).toBe(1);
    expect(after.fast - before.fast).toBe(1);
    expect(after.requests - before.requests).toBe(2);
  });

  it("leaves compression of the route's answer to Next (which would gzip a gzip again)", async () => {
    const id = room();
    const viaNext = await poll(id, { cookie: await sessionCookie(person()), "accept-encoding": "gzip" });
    expect(reachedNext).toHaveLength(1);
    expect(viaNext.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(viaNext.body.toString("utf8"))).toMatchObject({ conferenceId: id });
  });

  it("answers 304 without a body to a matching If-None-Match, with the list's fetch time", async () => {
    const id = room();
    const cookie = await sessionCookie(person());
    const first = await poll(id, { cookie });
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^W\/"/);
    const again = await poll(id, { cookie, "if-none-match": etag });
    expect(reachedNext).toHaveLength(1);
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers["x-gavel-fetched-at"]).toBe(first.headers["x-gavel-fetched-at"]);
    expect(again.headers["cache-control"]).toBe("no-store");
    // Another ETag (an older list): the whole answer.
    const other = await poll(id, { cookie, "if-none-match": 'W/"something-else"' });
    expect(other.status).toBe(200);
    expect(other.body.equals(first.body)).toBe(true);
  });

  it("leaves to the route a request without a session, or with one it has not seen decoded", async () => {
    const id = room();
    const cookie = await sessionCookie(person());
    await poll(id, { cookie });
    reachedNext = [];
    expect((await poll(id)).status).toBe(401);
    // A new session of the same user: its cookie was never decoded by the route.
    const fresh = await sessionCookie({ ...person(), uid: "6f1c1a52-1f1e-4a57-9a0c-3a4f0d0b0a77" });
    expect((await poll(id, { cookie: fresh })).status).toBe(200);
    expect(reachedNext).toHaveLength(2);
  });

  it("leaves to the route a request with an API token, even beside a proven session (the route checks the token)", async () => {
    const id = room();
    const cookie = await sessionCookie(person());
    expect((await poll(id, { cookie })).status).toBe(200);
    reachedNext = [];
    const refused = await poll(id, { cookie, authorization: `Bearer gvl_aaaaaaaaaaaa_${"A".repeat(43)}` });
    expect(refused.status).toBe(401);
    expect(reachedNext).toHaveLength(1);
  });

  it("leaves to the route a session signed out since its last poll (the route answers 401)", async () => {
    const id = room();
    const who = { ...person(), sid: "11111111-2222-3333-4444-555555555555" };
    const cookie = await sessionCookie(who);
    expect((await poll(id, { cookie })).status).toBe(200);
    const { endSession } = await import("../../auth/server/end-sessions");
    await endSession({ uid: who.uid, sid: who.sid, email: who.email, exp: Math.floor(Date.now() / 1000) + 3600 });
    reachedNext = [];
    expect((await poll(id, { cookie })).status).toBe(401);
    expect(reachedNext).toHaveLength(1);
  });

  it("leaves to the route a session whose decode and state check are older than their window (5 s)", async () => {
    const id = room();
    const cookie = await sessionCookie(person());
    await poll(id, { cookie });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 5_500 });
    reachedNext = [];
    expect((await poll(id, { cookie })).status).toBe(200);
    expect(reachedNext).toHaveLength(1);
  });

  it("fetches a new window's list at the front door for a conference the route has served", async () => {
    const id = room();
    const cookie = await sessionCookie(person());
    const first = await poll(id, { cookie });
    const { invalidateLive, peekLive } = await import("../../conferences/server/live");
    // Past the 1 s poll window (inside the session's 5 s): the cache no longer offers it.
    await vi.waitFor(() => expect(peekLive(id)).toBeUndefined(), { timeout: 4000 });
    reachedNext = [];
    const gets = () => emu.requests.since(0).filter((r) => r.operation === "getConference" && r.path.includes(id));
    const before = gets().length;
    const next = await poll(id, { cookie });
    expect(next.status).toBe(200);
    expect(next.headers["x-gavel-fetched-at"]).not.toBe(first.headers["x-gavel-fetched-at"]);
    expect(gets().length).toBe(before + 1);
    invalidateLive(id);
    expect((await poll(id, { cookie })).status).toBe(200);
    expect(gets().length).toBe(before + 2);
    expect(reachedNext).toHaveLength(0);
    // A conference the route never served is the route's (its id is checked there).
    await poll(room(), { cookie });
    expect(reachedNext).toHaveLength(1);
  });

  it("leaves to the route a role the bridge says may not read participants", async () => {
    const id = room();
    const cookie = await sessionCookie(person());
    await poll(id, { cookie });
    const real = pollBridge()!;
    registerPollBridge({ ...real, mayRead: () => false });
    try {
      reachedNext = [];
      await poll(id, { cookie });
      expect(reachedNext).toHaveLength(1);
    } finally {
      registerPollBridge(real);
    }
    reachedNext = [];
    await poll(id, { cookie });
    expect(reachedNext).toHaveLength(0);
  });

  it("counts each answer against the user's read limit: the route answers the 429", async () => {
    const id = room();
    const cookie = await sessionCookie(person());
    // 60 a minute: a burst of 10. One through the route, nine at the front door...
    for (let i = 0; i < 10; i++) expect((await poll(id, { cookie })).status).toBe(200);
    expect(reachedNext).toHaveLength(1);
    // ...and the eleventh is over the limit: not answered here, refused by the route.
    const over = await poll(id, { cookie });
    expect(over.status).toBe(429);
    expect(reachedNext).toHaveLength(2);
  });

  it("lets viewers arriving during the window's fetch wait for it at the front door", async () => {
    const id = room();
    const cookies = await Promise.all([person(), person(), person()].map((p) => sessionCookie(p)));
    for (const cookie of cookies) await poll(id, { cookie });
    const { invalidateLive, peekLive } = await import("../../conferences/server/live");
    invalidateLive(id);
    emu.faults.add({ match: { operation: "getConference" }, count: 1, fault: { type: "latency", ms: 300 } });
    reachedNext = [];
    const first = poll(id, { cookie: cookies[0]! });
    // The first has started the window's fetch (at the front door): the others arrive while it is in flight.
    await vi.waitFor(() => expect(peekLive(id)).toHaveProperty("pending"));
    const rest = await Promise.all(cookies.map((cookie) => poll(id, { cookie })));
    const answers = [await first, ...rest];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.headers.etag)).size).toBe(1);
    expect(reachedNext).toHaveLength(0);
  });
});
