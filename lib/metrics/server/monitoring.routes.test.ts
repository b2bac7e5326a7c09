/**
 * The monitoring routes through real NextRequests against the real emulator: health
 * answers without anything else; ready is 200 when the database and Sinch are fine,
 * 503 with short reasons when Sinch's last answer failed (and 200 again once its
 * probe finds Sinch back) or when the database is unreachable; the metrics scrape
 * needs the token, and after a poll, a command, a refused sign-in and a followed
 * callout driven through the routes, every family Gavel exports has counted.
 * (Test code: sets process.env before loading the routes.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { waitFor } from "../../sinch/emulator/testing/http";
import { admin, call, envelope, support, TEST_ORIGIN, type Who } from "../../testing/route-requests";
import { startRouteWorld, type RouteWorld } from "../../testing/route-world";
import { GAVEL_METRIC_FAMILIES, PROCESS_METRIC_FAMILY } from "../families";
import { parseScrape } from "../scrape-text";
import { NextRequest } from "next/server";

const TOKEN = "metrics-token-for-the-route-tests-0123456789";
const moderator: Who = { uid: "6f1c1a52-1f1e-4a57-9a0c-3a4f0d0b0a09", email: "mod9@gavel.test", role: "moderator" };

type Route = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string | string[] | undefined>> },
) => Promise<Response>;
const routes = {} as Record<"health" | "ready" | "metrics" | "live" | "participant" | "callouts", Route>;

function get(route: Route, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return route(new NextRequest(`${TEST_ORIGIN}${path}`, { headers }), { params: Promise.resolve({}) });
}

const scrapeWith = (token: string) => get(routes.metrics, "/api/metrics", { authorization: `Bearer ${token}` });

async function loadRoutes(): Promise<void> {
  routes.health = (await import("../../../app/api/health/route")).GET;
  routes.ready = (await import("../../../app/api/ready/route")).GET;
  routes.metrics = (await import("../../../app/api/metrics/route")).GET;
  routes.live = (await import("../../../app/api/conferences/[conferenceId]/participants/route")).GET as Route;
  routes.participant = (await import("../../../app/api/conferences/[conferenceId]/participants/[callId]/route"))
    .PATCH as Route;
  const callouts = await import("../../../app/api/callouts/route");
  routes.callouts = ((req, ctx) => (req.method === "GET" ? callouts.GET : callouts.POST)(req, ctx as never)) as Route;
}

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

describe("with the database and Sinch up", () => {
  let world: RouteWorld;

  beforeAll(async () => {
    world = await startRouteWorld({
      name: "monitoring",
      emulator: { ringMs: 60_000 },
      env: {
        GAVEL_METRICS_TOKEN: TOKEN,
        GAVEL_CALLER_IDS: "+12025550100",
        GAVEL_DEFAULT_COUNTRY: "US",
        SINCH_TIMEOUT_MS: "1000",
      },
    });
    (await import("./sinch-health")).forgetSinchHealth();
    await loadRoutes();
  });

  afterAll(async () => {
    await world?.close();
  });

  it("GET /api/health answers 200 {status: ok}, not cached", async () => {
    const res = await get(routes.health, "/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("GET /api/ready is 200 with Sinch unknown before any request to it", async () => {
    const res = await get(routes.ready, "/api/ready");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "ok", sinch: "unknown" },
      reasons: [],
    });
  });

  it("GET /api/metrics refuses a missing, a wrong and a near-miss token with 401", async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: "Bearer wrong" },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
      { authorization: `Basic ${TOKEN}` },
    ]) {
      const res = await get(routes.metrics, "/api/metrics", headers);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
      const error = await envelope(res);
      expect(error.code).toBe("unauthenticated");
      expect(error.message).not.toContain(TOKEN);
    }
  });

  it("after a poll, a command, a refused sign-in and a followed callout, every family has counted", async () => {
    const id = `metrics-${process.pid}`;
    const room = world.emu.state.putRoom(id, [{ cli: "+46701000001" }, { cli: "+46701000002" }]);
    const callId = room.participants[0]!.callId;
    const poll = () =>
      call(routes.live, {
        method: "GET",
        as: moderator,
        path: `/api/conferences/${id}/participants`,
        params: { conferenceId: id },
      });
    expect((await poll()).status).toBe(200);
    expect((await poll()).status).toBe(200); // the same window: coalesced, no second GET
    const mute = await call(routes.participant, {
      method: "PATCH",
      as: moderator,
      path: `/api/conferences/${id}/participants/${callId}`,
      params: { conferenceId: id, callId },
      body: JSON.stringify({ command: "mute" }),
    });
    expect(mute.status).toBe(200);
    const placed = await call(routes.callouts, {
      path: "/api/callouts",
      as: support,
      body: JSON.stringify({
        type: "conference",
        destination: { type: "number", endpoint: "+12025550143" },
        conferenceId: id,
      }),
    });
    expect(placed.status).toBe(200);
    // The list refreshes the ringing callout from Sinch: the follower is watching it.
    expect((await call(routes.callouts, { method: "GET", as: admin, path: "/api/callouts" })).status).toBe(200);
    // Three sign-ins from one address at once: two may run, the third is refused at the
    // gate. (next-auth itself cannot run outside Next: the attempts that get in are held
    // here instead; the e2e run signs in through the real server.)
    const { guardSignIn } = await import("../../auth/server/sign-in-gate");
    let release = () => {};
    const held = new Promise<Response>((resolve) => (release = () => resolve(new Response(null, { status: 401 }))));
    const signIn = () =>
      guardSignIn(
        new NextRequest(`${TEST_ORIGIN}/api/auth/callback/credentials`, { method: "POST" }),
        "192.0.2.7",
        () => held,
      );
    const attempts = [signIn(), signIn(), signIn()];
    expect((await attempts[2]!).status).toBe(429);
    release();
    await Promise.all(attempts);

    const res = await scrapeWith(TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const families = parseScrape(text);
    for (const name of [...GAVEL_METRIC_FAMILIES, PROCESS_METRIC_FAMILY]) {
      expect(families.get(name)?.total ?? 0, name).toBeGreaterThan(0);
    }
    // Routes by their path template: a conference's id never becomes a label.
    const routesSeen = new Set(families.get("gavel_http_requests_total")!.samples.map((s) => s.labels.route));
    expect(routesSeen).toContain("/api/conferences/:conferenceId/participants");
    expect(text).not.toContain(id);
    const polls = families.get("gavel_poll_requests_total")!.total;
    const fetches = families.get("gavel_poll_upstream_fetches_total")!.total;
    expect(polls).toBeGreaterThan(fetches);
    const sample = (family: string, labels: Record<string, string>) =>
      families.get(family)!.samples.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value ??
      0;
    expect(sample("gavel_commands_total", { action: "participant.mute", outcome: "succeeded" })).toBe(1);
    expect(sample("gavel_sinch_requests_total", { operation: "placeCallout", status: "200" })).toBe(1);
    expect(sample("gavel_active_watchers", { kind: "callout_follower" })).toBe(1);
    expect(sample("gavel_sign_in_throttled_total", { at: "gate" })).toBe(1);
  });

  it("GET /api/ready is 503 when Sinch's last answer was an error, and 200 once its probe finds Sinch back", async () => {
    const id = `metrics-down-${process.pid}`;
    world.emu.state.putRoom(id, [{ cli: "+46701000003" }]);
    // Every attempt of the GET (it is retried) answers 503.
    world.emu.faults.add({ match: { operation: "getConference" }, count: 4, fault: { type: "status", status: 503 } });
    const poll = await call(routes.live, {
      method: "GET",
      as: moderator,
      path: `/api/conferences/${id}/participants`,
      params: { conferenceId: id },
    });
    expect(poll.status).toBeGreaterThanOrEqual(500);
    const res = await get(routes.ready, "/api/ready");
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; checks: Record<string, string>; reasons: string[] };
    expect(body).toEqual({
      status: "not_ready",
      checks: { database: "ok", migrations: "ok", sinch: "error" },
      reasons: ["Gavel's last request to Sinch failed."],
    });
    expect(JSON.stringify(body)).not.toContain(world.emu.url);

    // Nobody calls Sinch while the instance is out of rotation: once the failure is old
    // enough, the readiness check probes it itself.
    const { noteSinchAttempt, lastSinchHealth } = await import("./sinch-health");
    const { SINCH_RECHECK_MS } = await import("./readiness");
    noteSinchAttempt(503, Date.now() - SINCH_RECHECK_MS - 1);
    expect((await get(routes.ready, "/api/ready")).status).toBe(503);
    await waitFor(() => (lastSinchHealth()?.ok ? true : undefined), { what: "the readiness probe's answer" });
    expect((await get(routes.ready, "/api/ready")).status).toBe(200);
  });
});

describe("with the database unreachable", () => {
  let world: RouteWorld;

  beforeAll(async () => {
    // Nothing listens on port 9 of loopback: every connection is refused at once.
    world = await startRouteWorld({
      name: "monitoring-nodb",
      env: { GAVEL_METRICS_TOKEN: TOKEN, DATABASE_URL: "postgres://gavel@127.0.0.1:9/gavel" },
    });
    await loadRoutes();
  });

  afterAll(async () => {
    await world?.close();
  });

  it("health is still 200, ready is 503 saying the database is unreachable, and metrics still answer", async () => {
    expect((await get(routes.health, "/api/health")).status).toBe(200);
    const res = await get(routes.ready, "/api/ready");
    expect(res.status).toBe(503);
    const body = (await res.json()) as { checks: Record<string, string>; reasons: string[] };
    expect(body.checks).toMatchObject({ database: "unreachable", migrations: "unknown" });
    expect(body.reasons).toContain("The database is unreachable.");
    expect(JSON.stringify(body)).not.toContain("127.0.0.1");
    expect((await scrapeWith(TOKEN)).status).toBe(200);
  });
});

describe("without a metrics token configured", () => {
  let world: RouteWorld;

  beforeAll(async () => {
    world = await startRouteWorld({ name: "monitoring-notoken", env: { GAVEL_METRICS_TOKEN: "" } });
    await loadRoutes();
  });

  afterAll(async () => {
    await world?.close();
  });

  it("GET /api/metrics does not exist: 404 whatever is sent", async () => {
    for (const token of ["", "anything", TOKEN]) {
      const res = await scrapeWith(token);
      expect(res.status).toBe(404);
      expect((await envelope(res)).code).toBe("not_found");
    }
  });
});
