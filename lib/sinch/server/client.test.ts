/**
 * The Sinch client against the emulator, over real HTTP (nothing mocks fetch).
 * Faults (status, hang, malformed, drop) are injected through the emulator's
 * control API, and the emulator's request log is the witness of what went on the
 * wire: how many attempts, which path bytes, which auth scheme.
 *
 * Past the house's 350 lines on purpose: it is the client's one specification
 * (success, retry and failure per operation, side by side), and its shared set-up
 * (one emulator, one reset per test) would only be copied into each part.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  SinchClient,
  parseRetryAfter,
  type SinchClientOptions,
  type SinchClock,
  type SinchResponseMeta,
} from "./client";
import {
  SinchError,
  SinchHttpError,
  SinchInvalidResponseError,
  SinchNetworkError,
  SinchTimeoutError,
  isSinchError,
} from "../errors";
import { startEmulator } from "../emulator/index";
import { paths } from "../schemas";

const KEY = "client-test-key";
const SECRET = "JViE5vDor0Sw3WllZka15Q==";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
let emu: Emulator;

interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  decodedPath: string;
  operation: string | null;
  authScheme: string;
  contentType: string | null;
  body: unknown;
  /** null when the request hung or was dropped. */
  status: number | null;
  fault: string | null;
}

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emu.url}/_emulator${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${method} ${path} answered ${res.status}: ${await res.text()}`);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

type FaultSpec =
  | { type: "status"; status: number; errorCode?: number; message?: string; retryAfter?: number }
  | { type: "latency"; ms: number }
  | { type: "hang" }
  | { type: "malformed" }
  | { type: "drop" };

function fault(
  match: { method?: string; path?: string; operation?: string },
  count: number,
  spec: FaultSpec,
): Promise<unknown> {
  return control("POST", "/faults", { match, count, fault: spec });
}

async function requestLog(operation?: string): Promise<LoggedRequest[]> {
  const { requests } = (await control("GET", "/requests")) as { requests: LoggedRequest[] };
  return operation ? requests.filter((r) => r.operation === operation) : requests;
}

interface RoomParticipant {
  callId: string;
  cli?: string;
  muted?: boolean;
  onhold?: boolean;
}

/** The control API's view of a room (participants with their callIds). */
function roomParticipants(room: unknown): RoomParticipant[] {
  const list = (room as { participants?: Array<Record<string, unknown>> }).participants ?? [];
  return list.map((p) => ({ ...p, callId: String(p.callId ?? p.id) }));
}

async function createRoom(conferenceId: string, participants: { cli: string; muted?: boolean }[]) {
  return roomParticipants(await control("PUT", `/conferences/${encodeURIComponent(conferenceId)}`, { participants }));
}

async function readRoom(conferenceId: string): Promise<RoomParticipant[]> {
  const res = await fetch(`${emu.url}/_emulator/conferences/${encodeURIComponent(conferenceId)}`);
  if (res.status === 404) return [];
  if (!res.ok) throw new Error(`control GET room answered ${res.status}`);
  return roomParticipants(await res.json());
}

function client(overrides: Partial<SinchClientOptions> = {}): SinchClient {
  return new SinchClient({
    applicationKey: KEY,
    applicationSecret: SECRET,
    baseUrl: emu.url,
    ...overrides,
    // Short backoff so retry tests stay quick; the behaviour is the same.
    retry: { baseDelayMs: 5, maxDelayMs: 20, ...overrides.retry },
  });
}

/**
 * A clock that records the waits the client asks for and returns at once, and whose
 * every reading is `step` ms after the last: what the client waited and measured is
 * asserted as a fact, not raced against the machine's clock.
 */
function recordingClock(step = 0): SinchClock & { waits: number[] } {
  let t = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => (t += step),
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
}

/** The rejection of a promise that must fail. */
async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail, it succeeded");
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, applicationKey: KEY, applicationSecret: SECRET, ringMs: 50 });
});

afterAll(async () => {
  await emu?.close();
});

beforeEach(async () => {
  await control("POST", "/reset");
});

describe("construction", () => {
  it("uses the region host, or the base URL without a trailing slash", () => {
    expect(new SinchClient({ applicationKey: KEY, applicationSecret: SECRET }).baseUrl).toBe(
      "https://calling.api.sinch.com",
    );
    expect(new SinchClient({ applicationKey: KEY, applicationSecret: SECRET, region: "euc1" }).baseUrl).toBe(
      "https://calling-euc1.api.sinch.com",
    );
    expect(
      new SinchClient({
        applicationKey: KEY,
        applicationSecret: SECRET,
        region: "euc1",
        baseUrl: "http://127.0.0.1:4010/",
      }).baseUrl,
    ).toBe("http://127.0.0.1:4010");
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-11-27T16:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Fri, 27 Nov 2026 16:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Fri, 27 Nov 2026 15:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-1", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("reads", () => {
  it("getConference answers [] for a conference nobody is in (404)", async () => {
    const meta: SinchResponseMeta[] = [];
    expect(await client().getConference("empty-room", { onResponse: (m) => meta.push(m) })).toEqual([]);
    const log = await requestLog("getConference");
    expect(log).toHaveLength(1);
    expect(log[0]?.status).toBe(404);
    expect(meta.map((m) => m.status)).toEqual([404]);
  });

  it("getConference normalises the participants", async () => {
    const room = await createRoom("weekly-sync", [{ cli: "+46708168731" }, { cli: "+46708168732", muted: true }]);
    const participants = await client().getConference("weekly-sync");
    expect(participants).toHaveLength(2);
    for (const p of participants) {
      expect(Object.keys(p).sort()).toEqual(["callId", "cli", "duration", "muted", "onhold"]);
      expect(typeof p.duration).toBe("number");
      expect(p.onhold).toBe(false);
    }
    expect(participants.map((p) => p.callId).sort()).toEqual(room.map((p) => p.callId).sort());
    expect(participants.find((p) => p.cli === "+46708168732")?.muted).toBe(true);
    expect(participants.find((p) => p.cli === "+46708168731")?.muted).toBe(false);
  });

  it("placeCallout returns the callId and getCall follows it", async () => {
    const c = client();
    const { callId } = await c.placeCallout({
      method: "conferenceCallout",
      conferenceCallout: {
        destination: { type: "number", endpoint: "+46708168731" },
        conferenceId: "callout-room",
        cli: "+46700000000",
      },
    });
    expect(callId).toMatch(/\S/);
    const call = await c.getCall(callId);
    expect(call.callId).toBe(callId);
    const [logged] = await requestLog("placeCallout");
    expect(logged?.method).toBe("POST");
  });

  it("reports each attempt's status and latency through onResponse", async () => {
    const meta: SinchResponseMeta[] = [];
    // Each clock reading is 120 ms after the last: the latency is the span between the
    // reading before sending and the one after the whole answer was read.
    await client({ clock: recordingClock(120) }).getConference("latency-room", { onResponse: (m) => meta.push(m) });
    expect(meta).toHaveLength(1);
    expect(meta[0]).toMatchObject({ operation: "getConference", method: "GET", attempt: 1, status: 404 });
    expect(meta[0]?.latencyMs).toBe(120);
  });
});

describe("retries", () => {
  it("retries a GET on 503 and succeeds, with one logged request per attempt", async () => {
    await createRoom("retry-room", [{ cli: "+46708168731" }]);
    await fault({ operation: "getConference" }, 2, { type: "status", status: 503, errorCode: 50300 });
    const meta: SinchResponseMeta[] = [];
    const participants = await client().getConference("retry-room", { onResponse: (m) => meta.push(m) });
    expect(participants).toHaveLength(1);
    const log = await requestLog("getConference");
    expect(log.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(meta.map((m) => [m.attempt, m.status])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
  });

  it("retries getCall on 500 and 502 too", async () => {
    const c = client();
    const { callId } = await c.placeCallout({
      method: "ttsCallout",
      ttsCallout: { destination: { type: "number", endpoint: "+46708168731" }, text: "Hello" },
    });
    await fault({ operation: "getCall" }, 1, { type: "status", status: 500 });
    await fault({ operation: "getCall" }, 1, { type: "status", status: 502 });
    expect((await c.getCall(callId)).callId).toBe(callId);
    expect((await requestLog("getCall")).map((r) => r.status)).toEqual([500, 502, 200]);
  });

  it("gives up after maxRetries and keeps the last answer's details", async () => {
    await fault({ operation: "getConference" }, 10, {
      type: "status",
      status: 503,
      errorCode: 50300,
      message: "Temporarily down",
    });
    const e = await failure(client({ retry: { maxRetries: 2 } }).getConference("down-room"));
    expect(e).toBeInstanceOf(SinchHttpError);
    const err = e as SinchHttpError;
    expect(err.status).toBe(503);
    expect(err.errorCode).toBe(50300);
    expect(err.attempts).toBe(3);
    expect(await requestLog("getConference")).toHaveLength(3);
  });

  it("honours Retry-After on 429", async () => {
    await createRoom("busy-room", [{ cli: "+46708168731" }]);
    await fault({ operation: "getConference" }, 1, { type: "status", status: 429, errorCode: 42900, retryAfter: 1 });
    const clock = recordingClock();
    const participants = await client({ clock }).getConference("busy-room");
    expect(participants).toHaveLength(1);
    // Sinch's Retry-After, not the backoff: one wait of exactly one second.
    expect(clock.waits).toEqual([1000]);
    expect((await requestLog("getConference")).map((r) => r.status)).toEqual([429, 200]);
  });

  it("does not wait out a Retry-After longer than its cap: the 429 comes back at once", async () => {
    await fault({ operation: "getConference" }, 1, { type: "status", status: 429, errorCode: 42900, retryAfter: 30 });
    const clock = recordingClock();
    const e = await failure(client({ clock }).getConference("busy-room"));
    expect(clock.waits).toEqual([]);
    expect(e).toBeInstanceOf(SinchHttpError);
    expect((e as SinchHttpError).retryAfterSeconds).toBe(30);
    expect((e as SinchHttpError).status).toBe(429);
    expect(await requestLog("getConference")).toHaveLength(1);
  });

  it("does not retry a GET on 4xx other than 429", async () => {
    await fault({ operation: "getConference" }, 5, { type: "status", status: 400, errorCode: 40001 });
    const e = await failure(client().getConference("bad-room"));
    expect((e as SinchHttpError).status).toBe(400);
    expect(await requestLog("getConference")).toHaveLength(1);
  });

  it("never retries PATCH, DELETE or POST", async () => {
    const [p] = await createRoom("no-retry", [{ cli: "+46708168731" }]);
    const callId = p!.callId;
    const c = client();
    const calls: Array<[string, () => Promise<unknown>]> = [
      ["manageParticipant", () => c.manageParticipant("no-retry", callId, { command: "mute" })],
      ["kickParticipant", () => c.kickParticipant("no-retry", callId)],
      ["kickAll", () => c.kickAll("no-retry")],
      [
        "placeCallout",
        () =>
          c.placeCallout({
            method: "conferenceCallout",
            conferenceCallout: { destination: { type: "number", endpoint: "+46708168731" }, conferenceId: "no-retry" },
          }),
      ],
    ];
    for (const [operation, call] of calls) {
      await fault({ operation }, 5, { type: "status", status: 503, errorCode: 50300 });
      const e = await failure(call());
      expect(e, operation).toBeInstanceOf(SinchHttpError);
      expect((e as SinchHttpError).status, operation).toBe(503);
      expect((e as SinchHttpError).attempts, operation).toBe(1);
      expect(await requestLog(operation), operation).toHaveLength(1);
    }
    // The room is untouched: no command got through.
    expect(await readRoom("no-retry")).toHaveLength(1);
  });

  it("does not retry a command whose connection dropped", async () => {
    const [p] = await createRoom("drop-room", [{ cli: "+46708168731" }]);
    await fault({ operation: "manageParticipant" }, 5, { type: "drop" });
    const e = await failure(client().manageParticipant("drop-room", p!.callId, { command: "mute" }));
    expect(e).toBeInstanceOf(SinchNetworkError);
    expect((e as SinchNetworkError).attempts).toBe(1);
    expect(await requestLog("manageParticipant")).toHaveLength(1);
  });
});

describe("failures", () => {
  it("a request past its timeout fails as SinchTimeoutError, not retried", async () => {
    await fault({ operation: "getConference" }, 5, { type: "hang" });
    const e = await failure(client({ timeoutMs: 300 }).getConference("hung-room"));
    expect(e).toBeInstanceOf(SinchTimeoutError);
    const err = e as SinchTimeoutError;
    expect(err.kind).toBe("timeout");
    expect(err.timeoutMs).toBe(300);
    expect(err.operation).toBe("getConference");
    expect(err.attempts).toBe(1);
    expect(err.message).toBe("Sinch did not answer within 300 ms (getConference)");
    // The emulator saw one request and never answered it: the client gave up, not Sinch.
    expect((await requestLog("getConference")).map((r) => [r.status, r.fault])).toEqual([[null, "hang"]]);
  });

  it("a hung callout times out too", async () => {
    await fault({ operation: "placeCallout" }, 1, { type: "hang" });
    const e = await failure(
      client({ timeoutMs: 300 }).placeCallout({
        method: "ttsCallout",
        ttsCallout: { destination: { type: "number", endpoint: "+46708168731" }, text: "Hi" },
      }),
    );
    expect(e).toBeInstanceOf(SinchTimeoutError);
    expect((e as SinchTimeoutError).timeoutMs).toBe(300);
    expect((await requestLog("placeCallout")).map((r) => r.status)).toEqual([null]);
  });

  it("a per-request timeout overrides the client's", async () => {
    await fault({ operation: "kickAll" }, 1, { type: "hang" });
    const e = await failure(client({ timeoutMs: 10_000 }).kickAll("hung-room", { timeoutMs: 200 }));
    expect((e as SinchTimeoutError).timeoutMs).toBe(200);
  });

  it("a malformed body fails as SinchInvalidResponseError", async () => {
    await fault({ operation: "getConference" }, 1, { type: "malformed" });
    const e = await failure(client().getConference("weird-room"));
    expect(e).toBeInstanceOf(SinchInvalidResponseError);
    const err = e as SinchInvalidResponseError;
    expect(err.kind).toBe("invalid-response");
    expect(err.operation).toBe("getConference");
    expect(err.message).toMatch(/^Sinch sent an answer Gavel does not understand: .+ \(getConference\)$/);
    expect(await requestLog("getConference")).toHaveLength(1);
  });

  it("a command's body is a placeholder and is not read, even when it is broken", async () => {
    await createRoom("placeholder-room", [{ cli: "+46708168731" }]);
    await fault({ operation: "kickAll" }, 1, { type: "malformed" });
    await expect(client().kickAll("placeholder-room")).resolves.toBeUndefined();
  });

  it("a malformed callout answer fails as SinchInvalidResponseError", async () => {
    await fault({ operation: "placeCallout" }, 1, { type: "malformed" });
    const e = await failure(
      client().placeCallout({
        method: "ttsCallout",
        ttsCallout: { destination: { type: "number", endpoint: "+46708168731" }, text: "Hi" },
      }),
    );
    expect(e).toBeInstanceOf(SinchInvalidResponseError);
  });

  it("a dropped connection on a GET is retried, then is a SinchNetworkError", async () => {
    await fault({ operation: "getConference" }, 10, { type: "drop" });
    const e = await failure(client({ retry: { maxRetries: 2 } }).getConference("dropped-room"));
    expect(e).toBeInstanceOf(SinchNetworkError);
    const err = e as SinchNetworkError;
    expect(err.kind).toBe("network");
    expect(err.attempts).toBe(3);
    expect(err.cause).toBeDefined();
    expect(err.message).toMatch(/^Gavel could not reach Sinch.*\(getConference\)$/);
    expect(await requestLog("getConference")).toHaveLength(3);
  });

  it("a GET recovers from one dropped connection", async () => {
    await fault({ operation: "getConference" }, 1, { type: "drop" });
    expect(await client().getConference("dropped-once")).toEqual([]);
    expect(await requestLog("getConference")).toHaveLength(2);
  });

  it("a refused connection is a SinchNetworkError", async () => {
    const dead = await startEmulator({ port: 0, applicationKey: KEY, applicationSecret: SECRET, ringMs: 0 });
    const url = dead.url;
    await dead.close();
    const e = await failure(client({ baseUrl: url, retry: { maxRetries: 1 } }).getConference("x"));
    expect(e).toBeInstanceOf(SinchNetworkError);
    expect((e as SinchNetworkError).attempts).toBe(2);
  });

  it("HTTP errors keep status, errorCode, message and reference", async () => {
    await fault({ operation: "kickAll" }, 1, {
      type: "status",
      status: 403,
      errorCode: 40300,
      message: "Forbidden request",
    });
    const e = await failure(client().kickAll("some-room"));
    expect(isSinchError(e)).toBe(true);
    expect(e).toBeInstanceOf(SinchError);
    expect(e).toBeInstanceOf(SinchHttpError);
    const err = e as SinchHttpError;
    expect(err.kind).toBe("http");
    expect(err.status).toBe(403);
    expect(err.errorCode).toBe(40300);
    expect(err.message).toBe("Forbidden request");
    expect(err.operation).toBe("kickAll");
    expect(err.method).toBe("DELETE");
    expect(err.path).toBe("/calling/v1/conferences/id/some-room");
    const [logged] = await requestLog("kickAll");
    expect(logged?.status).toBe(403);
    if (err.reference !== undefined) expect(err.reference).toMatch(/\S/);
  });

  it("bad credentials are a 401 with Sinch's errorCode and reference", async () => {
    const e = await failure(client({ applicationSecret: "d3Jvbmctc2VjcmV0LXZhbHVl" }).getConference("room"));
    expect(e).toBeInstanceOf(SinchHttpError);
    const err = e as SinchHttpError;
    expect(err.status).toBe(401);
    expect(err.errorCode).toBeGreaterThanOrEqual(40100);
    expect(err.errorCode).toBeLessThan(40200);
    expect(err.message).toMatch(/\S/);
    expect(await requestLog("getConference")).toHaveLength(1);
  });

  it("a caller's abort rejects with the abort reason, not a SinchError", async () => {
    await fault({ operation: "getConference" }, 1, { type: "hang" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const e = await failure(client().getConference("hung-room", { signal: controller.signal }));
    expect(isSinchError(e)).toBe(false);
    expect((e as Error).name).toBe("AbortError");
  });

  it("refuses path segments that URL parsing would resolve away, before sending", async () => {
    const c = client();
    await expect(c.kickAll("..")).rejects.toThrow(RangeError);
    await expect(c.kickParticipant("room", ".")).rejects.toThrow(RangeError);
    await expect(c.getConference("")).rejects.toThrow(RangeError);
    expect(await requestLog()).toHaveLength(0);
  });
});

describe("paths and auth", () => {
  const awkward = "Q3 plan/α#1?50%";

  it(`a conferenceId like "${awkward}" round-trips through get, mute and kick`, async () => {
    const room = await createRoom(awkward, [{ cli: "+46708168731" }, { cli: "+46708168732" }]);
    expect(room).toHaveLength(2);
    const [first, second] = room;
    const c = client();

    const participants = await c.getConference(awkward);
    expect(participants.map((p) => p.callId).sort()).toEqual(room.map((p) => p.callId).sort());

    await c.manageParticipant(awkward, first!.callId, { command: "mute" });
    expect((await readRoom(awkward)).find((p) => p.callId === first!.callId)?.muted).toBe(true);

    await c.kickParticipant(awkward, second!.callId);
    expect((await readRoom(awkward)).map((p) => p.callId)).toEqual([first!.callId]);

    const wire = await requestLog();
    expect(wire.map((r) => [r.method, r.operation, r.status])).toEqual([
      ["GET", "getConference", 200],
      ["PATCH", "manageParticipant", 200],
      ["DELETE", "kickParticipant", 200],
    ]);
    const encoded = encodeURIComponent(awkward);
    expect(encoded).toBe("Q3%20plan%2F%CE%B1%231%3F50%25");
    expect(wire[0]?.path).toBe(`/calling/v1/conferences/id/${encoded}`);
    expect(wire[1]?.path).toBe(paths.participant(awkward, first!.callId));
    expect(wire[2]?.path).toBe(`/calling/v1/conferences/id/${encoded}/${second!.callId}`);
    expect(wire[0]?.decodedPath).toBe(`/calling/v1/conferences/id/${awkward}`);
    for (const r of wire) expect(r.authScheme).toBe("signed");
  });

  it("kickAll empties an awkwardly named room", async () => {
    await createRoom(awkward, [{ cli: "+46708168731" }, { cli: "+46708168732" }]);
    await client().kickAll(awkward);
    expect(await readRoom(awkward)).toEqual([]);
    const [logged] = await requestLog("kickAll");
    expect(logged?.path).toBe(paths.conference(awkward));
  });

  it("signs with the exact bytes it sends (non-ASCII JSON body)", async () => {
    const { callId } = await client().placeCallout({
      method: "conferenceCallout",
      conferenceCallout: {
        destination: { type: "number", endpoint: "+46708168731" },
        conferenceId: awkward,
        greeting: "Välkommen, ünïcødé ✓",
      },
    });
    expect(callId).toMatch(/\S/);
    const [logged] = await requestLog("placeCallout");
    expect(logged?.status).toBe(200);
    expect(logged?.authScheme).toBe("signed");
  });

  it("sends Content-Type: application/json on every request, GET and DELETE included", async () => {
    const [p] = await createRoom("ct-room", [{ cli: "+46708168731" }, { cli: "+46708168732" }]);
    const c = client();
    await c.getConference("ct-room");
    await c.manageParticipant("ct-room", p!.callId, { command: "mute" });
    await c.kickParticipant("ct-room", p!.callId);
    await c.kickAll("ct-room");
    const wire = await requestLog();
    expect(wire.map((r) => [r.method, r.contentType, r.authScheme])).toEqual([
      ["GET", "application/json", "signed"],
      ["PATCH", "application/json", "signed"],
      ["DELETE", "application/json", "signed"],
      ["DELETE", "application/json", "signed"],
    ]);
    expect(wire[1]?.body).toEqual({ command: "mute" });
    expect(wire[0]?.body).toBeNull();
  });

  it("Basic mode works", async () => {
    await createRoom("basic-room", [{ cli: "+46708168731" }]);
    const c = client({ auth: "basic" });
    const [p] = await c.getConference("basic-room");
    await c.manageParticipant("basic-room", p!.callId, { command: "onhold", moh: "music1" });
    expect((await readRoom("basic-room"))[0]?.onhold).toBe(true);
    const wire = await requestLog();
    expect(wire).toHaveLength(2);
    for (const r of wire) expect(r.authScheme).toBe("basic");
  });

  it("each retry is re-signed with a fresh x-timestamp", async () => {
    await createRoom("resign-room", [{ cli: "+46708168731" }]);
    // With a 300 ms skew window, a retry 1 s later carrying the first attempt's
    // x-timestamp would be refused (401 / 40101).
    await control("PATCH", "/settings", { clockSkewMs: 300 });
    await fault({ operation: "getConference" }, 1, { type: "status", status: 503, retryAfter: 1 });
    expect(await client().getConference("resign-room")).toHaveLength(1);
    const log = await requestLog("getConference");
    expect(log.map((r) => [r.authScheme, r.status])).toEqual([
      ["signed", 503],
      ["signed", 200],
    ]);
  });
});
