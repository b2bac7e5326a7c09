/**
 * The API's rate limits through real routes, real NextRequests and session cookies
 * (lib/testing/route-requests.ts), against the real emulator: each kind answers 429
 * with Retry-After and the envelope past its limit while another user goes on, and
 * the callout budget refuses a dial list whole, up front, before anything reaches
 * Sinch. (Test code: sets process.env before loading the routes.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../sinch/emulator";
import { admin, call, envelope, support, type Who } from "../../testing/route-requests";
import { routeWorldForFile } from "../../testing/route-world";

type ConferencesRoute = typeof import("../../../app/api/conferences/route");
type CalloutsRoute = typeof import("../../../app/api/callouts/route");
type BatchRoute = typeof import("../../../app/api/callouts/batch/route");

let emu: RunningEmulator;
let conferences: ConferencesRoute;
let callouts: CalloutsRoute;
let batch: BatchRoute;

/** Sets the limits for the tests that follow: fresh configuration, full buckets. */
async function limits(env: Record<string, string>): Promise<void> {
  Object.assign(process.env, env);
  (await import("../../config/env")).resetConfigForTests();
  (await import("./rate-limit")).resetRateLimitsForTests();
}

const world = routeWorldForFile({
  name: "ratelimit",
  emulator: { ringMs: 200 },
  env: { GAVEL_DEFAULT_COUNTRY: "US", GAVEL_CALLER_IDS: "+12025550100" },
});

beforeAll(async () => {
  emu = world.emu;
  conferences = await import("../../../app/api/conferences/route");
  callouts = await import("../../../app/api/callouts/route");
  batch = await import("../../../app/api/callouts/batch/route");
});

const user = (n: number, role: string): Who => ({
  uid: `6f1c1a52-1f1e-4a57-9a0c-3a4f0d0b1${String(n).padStart(3, "0")}`,
  email: `user${n}@gavel.test`,
  role,
});

async function expectLimited(res: Response, kind: string, retryAfter: number): Promise<void> {
  expect(res.status).toBe(429);
  expect(res.headers.get("retry-after")).toBe(String(retryAfter));
  expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  const error = await envelope(res);
  expect(error).toMatchObject({ code: "rate_limited", details: { retryAfterSeconds: retryAfter, limit: kind } });
  expect(error.message).toMatch(/^Too many .*: at most \d+ a minute per user\. Try again in \d+ s\.$/);
}

let seq = 0;
const conf = () => `rl-${process.pid}-${++seq}`;
const placedInto = (conferenceId: string) =>
  emu.requests
    .since(0)
    .filter(
      (r) =>
        r.operation === "placeCallout" &&
        (r.body as { conferenceCallout?: { conferenceId?: string } }).conferenceCallout?.conferenceId === conferenceId,
    ).length;

describe("requests per user, by kind", () => {
  beforeAll(() =>
    // Bursts of 2 reads (one per 5 s after), 1 command (one per 10 s), 1 callout request (one per 10 s).
    limits({
      GAVEL_RATE_LIMIT_READS_PER_MINUTE: "12",
      GAVEL_RATE_LIMIT_COMMANDS_PER_MINUTE: "6",
      GAVEL_RATE_LIMIT_CALLOUT_REQUESTS_PER_MINUTE: "6",
      GAVEL_CALLOUT_BUDGET_PER_MINUTE: "0",
    }),
  );

  it("reads: 429 with Retry-After past the burst; another user still reads", async () => {
    const ann = user(1, "support");
    const read = (as: Who) => call(conferences.GET, { method: "GET", path: "/api/conferences", as });
    expect((await read(ann)).status).toBe(200);
    expect((await read(ann)).status).toBe(200);
    await expectLimited(await read(ann), "read", 5);
    expect((await read(user(2, "support"))).status).toBe(200);
  });

  it("commands: 429 with Retry-After; the same user's reads and another user's commands go on", async () => {
    const bob = user(3, "moderator");
    const open = (as: Who) =>
      call(conferences.POST, { path: "/api/conferences", as, body: JSON.stringify({ conferenceId: conf() }) });
    expect((await open(bob)).status).toBe(200);
    await expectLimited(await open(bob), "command", 10);
    expect((await call(conferences.GET, { method: "GET", path: "/api/conferences", as: bob })).status).toBe(200);
    expect((await open(user(4, "moderator"))).status).toBe(200);
  });

  it("callout requests: 429 before the callout is stored or sent; another user still places", async () => {
    const conferenceId = conf();
    const place = (as: Who) =>
      call(callouts.POST, {
        path: "/api/callouts",
        as,
        body: JSON.stringify({
          type: "conference",
          destination: { type: "number", endpoint: "+12025550143" },
          conferenceId,
        }),
      });
    expect((await place(support)).status).toBe(200);
    await expectLimited(await place(support), "callout", 10);
    expect(placedInto(conferenceId)).toBe(1);
    expect((await place(admin)).status).toBe(200);
    expect(placedInto(conferenceId)).toBe(2);
  });
});

describe("the callout budget counts callouts, not requests", () => {
  beforeAll(() =>
    limits({
      GAVEL_RATE_LIMIT_READS_PER_MINUTE: "0",
      GAVEL_RATE_LIMIT_COMMANDS_PER_MINUTE: "0",
      GAVEL_RATE_LIMIT_CALLOUT_REQUESTS_PER_MINUTE: "0",
      GAVEL_CALLOUT_BUDGET_PER_MINUTE: "5",
    }),
  );

  const dial = (as: Who, conferenceId: string, n: number, from = 0) =>
    call(batch.POST, {
      path: "/api/callouts/batch",
      as,
      body: JSON.stringify({
        conferenceId,
        lines: Array.from({ length: n }, (_, i) => ({ number: `+1202555${String(200 + from + i).padStart(4, "0")}` })),
      }),
    });

  it("refuses a dial list over what is left, whole and up front, saying what is left and when it fits", async () => {
    const carl = user(5, "support");
    const conferenceId = conf();
    const first = await dial(carl, conferenceId, 4);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ placed: 4, failed: 0 });

    const second = await dial(carl, conferenceId, 2, 10);
    expect(second.status).toBe(429);
    const retryAfter = Number(second.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const error = await envelope(second);
    expect(error).toMatchObject({
      code: "rate_limited",
      details: { retryAfterSeconds: retryAfter, remaining: 1, perMinute: 5, requested: 2 },
    });
    expect(error.message).toContain("1 callout is left now");
    expect(error.message).toContain(`These 2 callouts can be placed in ${retryAfter} s; nothing was placed.`);
    // Nothing of the refused list reached Sinch; the one left is still there for a single callout.
    expect(placedInto(conferenceId)).toBe(4);
    expect((await dial(carl, conferenceId, 1, 20)).status).toBe(200);
    expect(placedInto(conferenceId)).toBe(5);
    expect((await dial(carl, conferenceId, 1, 30)).status).toBe(429);

    // Another user has a budget of their own.
    expect((await dial(user(6, "support"), conferenceId, 5, 40)).status).toBe(200);
    expect(placedInto(conferenceId)).toBe(10);
  });

  it("a list larger than the whole budget is a 400 that says to split it", async () => {
    const res = await dial(user(7, "support"), conf(), 6);
    expect(res.status).toBe(400);
    expect(res.headers.get("retry-after")).toBeNull();
    const error = await envelope(res);
    expect(error.code).toBe("validation_failed");
    expect(error.message).toContain("Split the list; nothing was placed.");
  });

  it("lines that fail validation and replays of a line cost nothing", async () => {
    const dana = user(8, "support");
    const conferenceId = conf();
    const body = {
      conferenceId,
      lines: [
        { number: "+12025550301", idempotencyKey: `k1-${conferenceId}` },
        { number: "not a number" },
        { number: "+12025550302", idempotencyKey: `k2-${conferenceId}` },
      ],
    };
    const send = () => call(batch.POST, { path: "/api/callouts/batch", as: dana, body: JSON.stringify(body) });
    expect(await (await send()).json()).toMatchObject({ placed: 2, failed: 1 });
    expect(await (await send()).json()).toMatchObject({ placed: 2, failed: 1 });
    // 2 spent (the replay gave its 2 back): 3 left.
    expect((await dial(dana, conferenceId, 3, 50)).status).toBe(200);
    expect((await dial(dana, conferenceId, 1, 60)).status).toBe(429);
  });
});
