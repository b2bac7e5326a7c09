/**
 * The emulator's own behaviour, over real HTTP with plain fetch and the shared
 * signer: routing of odd ids, the call lifecycle, auth edge cases, faults, the
 * request log, reset and shutdown.
 *
 * Past the house's 350 lines on purpose: one specification of the emulator as a
 * Sinch stand-in, sharing one running emulator and its control client; the newer
 * behaviours have files of their own (faults.test.ts, strictness.test.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { callInfoSchema, calloutResponseSchema, conferenceInfoSchema, paths } from "../schemas";
import { basicAuthorization, signRequest } from "../signing";
import { SPECIAL_NUMBERS, startEmulator, type RunningEmulator } from "./index";
import { ControlClient, sinchRequest, waitFor, type RawResponse } from "./testing/http";

const KEY = "669E367E-6BBA-48AB-AF15-266871C28135";
const SECRET = "JViE5vDor0Sw3WllZka15Q==";
const RING_MS = 50;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let emu: RunningEmulator;
let control: ControlClient;
/** How far the simulation's clock runs ahead of the real one: a test moves time on instead of sleeping. */
let clockAheadMs = 0;

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    applicationKey: KEY,
    applicationSecret: SECRET,
    ringMs: RING_MS,
    speechMsPerChar: 1,
    now: () => Date.now() + clockAheadMs,
  });
  control = new ControlClient(emu.url);
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  clockAheadMs = 0;
  await control.reset();
});

const get = (path: string, opts = {}) => sinchRequest(emu, "GET", path, opts);
const patch = (path: string, body: unknown, opts = {}) => sinchRequest(emu, "PATCH", path, { body, ...opts });
const del = (path: string, opts = {}) => sinchRequest(emu, "DELETE", path, opts);
const post = (path: string, body: unknown, opts = {}) => sinchRequest(emu, "POST", path, { body, ...opts });

function expectSinchError(res: RawResponse, status: number, errorCode: number, messagePart?: string) {
  expect(res.status).toBe(status);
  const body = res.json as { status: string; errorCode: unknown; message: string; reference: string };
  expect(Object.keys(body).sort()).toEqual(["errorCode", "message", "reference", "status"]);
  expect(body.errorCode).toBe(errorCode);
  expect(typeof body.errorCode).toBe("number");
  expect(body.status.startsWith(`${status} `)).toBe(true);
  expect(body.reference).toMatch(UUID_V4);
  if (messagePart) expect(body.message).toContain(messagePart);
}

function conferenceCallout(conferenceId: string, endpoint: string, extra: Record<string, unknown> = {}) {
  return {
    method: "conferenceCallout",
    conferenceCallout: { destination: { type: "number", endpoint }, conferenceId, ...extra },
  };
}

async function callout(body: unknown): Promise<string> {
  const res = await post(paths.callouts(), body);
  expect(res.status, res.text).toBe(200);
  return calloutResponseSchema.parse(res.json).callId;
}

async function finalCall(callId: string, timeoutMs = 3000) {
  return waitFor(
    async () => {
      const call = await control.call(callId);
      return call?.status === "FINAL" ? call : undefined;
    },
    { timeoutMs, what: `call ${callId} to end` },
  );
}

describe("routing: split the raw path, then decode each segment", () => {
  const ODD_IDS = ["a/b", "100%", "#hash", "what?", "with space", "Zürich-møte", "会議室", "a/b/c?d#e f%20"];

  it.each(ODD_IDS)("conference %j round-trips through the encoded Sinch paths", async (conferenceId) => {
    const callId = `call/${conferenceId}?x`;
    await control.putRoom(conferenceId, [{ cli: "+46701740605", callId }, { cli: "+12025550143" }]);

    const info = await get(paths.conference(conferenceId));
    expect(info.status, info.text).toBe(200);
    const participants = conferenceInfoSchema.parse(info.json).participants ?? [];
    expect(participants.map((p) => p.id)).toContain(callId);

    const muted = await patch(paths.participant(conferenceId, callId), { command: "mute" });
    expect(muted.status, muted.text).toBe(200);
    expect((await control.room(conferenceId))?.participants.find((p) => p.callId === callId)?.muted).toBe(true);

    const kicked = await del(paths.participant(conferenceId, callId));
    expect(kicked.status).toBe(200);
    expect((await control.call(callId))?.reason).toBe("MANAGERHANGUP");

    const logged = (await control.requests()).at(-1);
    expect(logged?.path).toBe(paths.participant(conferenceId, callId));
    expect(logged?.decodedPath).toBe(`/calling/v1/conferences/id/${conferenceId}/${callId}`);
  });

  it('conference "a/b" is never conference "a", participant "b"', async () => {
    await control.putRoom("a", [{ cli: "+46701740605", callId: "b" }]);
    await control.putRoom("a/b", [{ cli: "+12025550143", callId: "x" }]);

    const info = await get(paths.conference("a/b"));
    expect(conferenceInfoSchema.parse(info.json).participants?.map((p) => p.id)).toEqual(["x"]);

    // kick all of "a/b" must leave participant "b" of "a" alone
    expect((await del(paths.conference("a/b"))).status).toBe(204);
    expect((await control.room("a"))?.participants.map((p) => p.callId)).toEqual(["b"]);
    expect(await control.room("a/b")).toBeUndefined();

    // what an SDK that forgets to encode sends: GET on a participant path, which offers only PATCH and DELETE
    expectSinchError(await get("/calling/v1/conferences/id/a/b"), 405, 40500);
  });

  it("unknown routes are 404 / 40400 and wrong methods 405 / 40500, with Sinch's body", async () => {
    expectSinchError(await get("/calling/v1/nope"), 404, 40400);
    expectSinchError(await get("/calling/v2/callouts"), 404, 40400);
    expectSinchError(await get("/"), 404, 40400);
    expectSinchError(await get("/calling/v1/callouts"), 405, 40500, "POST");
    expectSinchError(await get("/calling/v1/conferences/id/"), 404, 40400);
    expectSinchError(await get("/calling/v1/conferences/id/a/b/c"), 404, 40400);
  });

  it("a malformed percent escape is 400 / 40001, not a crash", async () => {
    expectSinchError(await get("/calling/v1/conferences/id/%E0%A4%A"), 400, 40001);
    expect((await control.health()).ok).toBe(true);
  });

  it("an id longer than 64 characters is 400 / 40001", async () => {
    expectSinchError(await get(paths.conference("x".repeat(65))), 400, 40001, "conferenceId");
  });
});

describe("call lifecycle", () => {
  it("a conference callout rings for ringMs, then joins the room", async () => {
    await control.patchSettings({ ringMs: 400 }); // long enough to observe the ringing on a busy machine
    const callId = await callout(
      conferenceCallout("lifecycle", "+46701740605", { cli: "+12025550143", custom: "Sofia" }),
    );
    expect(callId).toMatch(/^[0-9a-f]{32}$/);

    const ringing = callInfoSchema.parse((await get(paths.call(callId))).json);
    expect(ringing).toMatchObject({ status: "ONGOING", result: "N/A", reason: "N/A", duration: 0 });
    expect(ringing.from).toEqual({ type: "number", endpoint: "+12025550143" });
    expectSinchError(await get(paths.conference("lifecycle")), 404, 40400);

    const room = await waitFor(() => control.room("lifecycle"), { what: "the room" });
    expect(room.participants).toEqual([
      expect.objectContaining({ callId, cli: "+46701740605", muted: false, onhold: false, moh: null, custom: "Sofia" }),
    ]);
    const call = await control.call(callId);
    expect(call).toMatchObject({
      status: "ONGOING",
      result: "ANSWERED",
      kind: "conferenceCallout",
      conferenceId: "lifecycle",
    });
  });

  it("durations are computed when read, so they tick", async () => {
    const room = await control.putRoom("ticking", [{ cli: "+46701740605", durationSeconds: 120 }]);
    const callId = room.participants[0]?.callId ?? "";
    const before =
      conferenceInfoSchema.parse((await get(paths.conference("ticking"))).json).participants?.[0]?.duration ?? 0;
    expect(before).toBeGreaterThanOrEqual(120);
    clockAheadMs += 1100;
    const after =
      conferenceInfoSchema.parse((await get(paths.conference("ticking"))).json).participants?.[0]?.duration ?? 0;
    expect(after).toBeGreaterThan(before);
    const info = callInfoSchema.parse((await get(paths.call(callId))).json);
    expect(info.duration).toBeGreaterThanOrEqual(121);
    expect(info.debit).toEqual({ currencyId: "EUR", amount: 0.0405 }); // 3 started minutes
  });

  it.each(Object.entries(SPECIAL_NUMBERS))("special number %s ends as documented", async (number, behaviour) => {
    const callId = await callout(conferenceCallout("special", number));
    const call = await finalCall(callId);
    expect({ result: call.result, reason: call.reason }).toEqual({
      result: behaviour.result,
      reason: behaviour.reason,
    });
    expect(call.duration).toBe(0);
    expect(await control.room("special")).toBeUndefined();
  });

  it("kick participant: MANAGERHANGUP; hang-up through the control API: CALLEEHANGUP", async () => {
    const room = await control.putRoom("leaving", [
      { cli: "+46701740605" },
      { cli: "+12025550143" },
      { cli: "+61491570156" },
    ]);
    const [a, b, c] = room.participants.map((p) => p.callId);
    expect((await del(paths.participant("leaving", a ?? ""))).status).toBe(200);
    expect((await control.hangUp("leaving", b ?? "")).ok).toBe(true);
    expect(await control.call(a ?? "")).toMatchObject({ status: "FINAL", result: "ANSWERED", reason: "MANAGERHANGUP" });
    expect(await control.call(b ?? "")).toMatchObject({ status: "FINAL", result: "ANSWERED", reason: "CALLEEHANGUP" });
    expect((await control.room("leaving"))?.participants.map((p) => p.callId)).toEqual([c]);
    expect((await control.request("DELETE", `/conferences/leaving/participants/${b}`)).status).toBe(404);
  });

  it("kick all: 204 with an empty body, every call MANAGERHANGUP, the room is gone", async () => {
    const room = await control.putRoom("everyone", [{ cli: "+46701740605" }, { cli: "+12025550143" }]);
    const res = await del(paths.conference("everyone"));
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    for (const p of room.participants) expect((await control.call(p.callId))?.reason).toBe("MANAGERHANGUP");
    expectSinchError(await get(paths.conference("everyone")), 404, 40400);
    expectSinchError(await del(paths.conference("everyone")), 404, 40400);
  });

  it("manage participant: hold keeps its music until resume; placeholder 200 bodies", async () => {
    const room = await control.putRoom("hold", [{ cli: "+46701740605" }]);
    const callId = room.participants[0]?.callId ?? "";
    const held = await patch(paths.participant("hold", callId), { command: "onhold", moh: "ring" });
    expect(held.status).toBe(200);
    expect(held.json).toEqual({});
    expect((await control.room("hold"))?.participants[0]).toMatchObject({ onhold: true, moh: "ring" });
    await patch(paths.participant("hold", callId), { command: "mute" });
    expect((await control.room("hold"))?.participants[0]).toMatchObject({ onhold: true, moh: "ring", muted: true });
    await patch(paths.participant("hold", callId), { command: "resume" });
    expect((await control.room("hold"))?.participants[0]).toMatchObject({ onhold: false, moh: null, muted: true });
  });

  it("maxDuration ends the call when reached: ANSWERED / TIMEOUT", async () => {
    const callId = await callout(conferenceCallout("short", "+46701740605", { maxDuration: 1 }));
    await waitFor(() => control.room("short"), { what: "the join" });
    const call = await finalCall(callId, 4000);
    expect({ result: call.result, reason: call.reason }).toEqual({ result: "ANSWERED", reason: "TIMEOUT" });
    expect(call.duration).toBeGreaterThanOrEqual(1);
    expect(await control.room("short")).toBeUndefined();
  });

  it("a TTS callout is answered, then the caller side hangs up (its timing: state.test.ts)", async () => {
    await control.patchSettings({ speechMsPerChar: 2 });
    const callId = await callout({
      method: "ttsCallout",
      ttsCallout: { destination: { type: "number", endpoint: "+61491570156" }, text: "x".repeat(300) },
    });
    await waitFor(async () => ((await control.call(callId))?.result === "ANSWERED" ? true : undefined));
    const call = await finalCall(callId);
    expect({ result: call.result, reason: call.reason, kind: call.kind }).toEqual({
      result: "ANSWERED",
      reason: "CALLERHANGUP",
      kind: "ttsCallout",
    });
  });

  it("custom callouts: connectConf joins, other ICE answers and hangs up, a broken connectConf fails", async () => {
    const join = await callout({
      method: "customCallout",
      customCallout: {
        destination: { type: "number", endpoint: "+493023125001" },
        ice: JSON.stringify({
          instructions: [],
          action: { name: "connectConf", conferenceId: "via-ice", moh: "music3" },
        }),
        custom: "from ice",
      },
    });
    const room = await waitFor(() => control.room("via-ice"), { what: "the ICE join" });
    expect(room.participants[0]).toMatchObject({ callId: join, cli: "+493023125001", custom: "from ice" });

    const plain = await callout({
      method: "customCallout",
      customCallout: { destination: { type: "number", endpoint: "+493023125444" }, ice: "https://example.com/ice" },
    });
    expect(await finalCall(plain)).toMatchObject({ result: "ANSWERED", reason: "CALLERHANGUP" });

    const broken = await callout({
      method: "customCallout",
      customCallout: {
        destination: { type: "number", endpoint: "+493023125444" },
        ice: '{"action":{"name":"connectConf"}}',
      },
    });
    expect(await finalCall(broken)).toMatchObject({ result: "FAILED", reason: "INVALIDSVAMLACTION" });
  });

  it("a callId stays known after the call ends; unknown ones are 404 / 40400", async () => {
    const callId = await callout(conferenceCallout("x", "+447700900500"));
    await finalCall(callId);
    expect((await get(paths.call(callId))).status).toBe(200);
    expectSinchError(await get(paths.call("ffffffffffffffffffffffffffffffff")), 404, 40400, "ffffffff");
  });
});

describe("validation", () => {
  it("empty body, non-JSON body or a non-object: 400 / 40003", async () => {
    expectSinchError(await post(paths.callouts(), ""), 400, 40003);
    expectSinchError(await post(paths.callouts(), "{nope"), 400, 40003);
    expectSinchError(await post(paths.callouts(), "[1,2]"), 400, 40003);
    await control.putRoom("v", [{ cli: "+46701740605", callId: "p" }]);
    expectSinchError(await patch(paths.participant("v", "p"), ""), 400, 40003);
  });

  it("messages name the field", async () => {
    expectSinchError(
      await post(paths.callouts(), { method: "conferenceCallout", conferenceCallout: { conferenceId: "c" } }),
      400,
      40002,
      "conferenceCallout.destination",
    );
    expectSinchError(
      await post(paths.callouts(), conferenceCallout("", "+46701740605")),
      400,
      40002,
      "conferenceCallout.conferenceId",
    );
    expectSinchError(
      await post(paths.callouts(), conferenceCallout("c", "+46701740605", { mohClass: "jazz" })),
      400,
      40001,
      "mohClass",
    );
    expectSinchError(
      await post(paths.callouts(), conferenceCallout("c", "+46701740605", { maxDuration: "10" })),
      400,
      40001,
      "maxDuration",
    );
    expectSinchError(
      await post(paths.callouts(), {
        method: "conferenceCallout",
        conferenceCallout: { destination: { type: "fax", endpoint: "+4670" }, conferenceId: "c" },
      }),
      400,
      40001,
      "destination.type",
    );
    expectSinchError(await post(paths.callouts(), { method: "conferenceCallout" }), 400, 40002, "conferenceCallout");
    expectSinchError(await post(paths.callouts(), { conferenceCallout: {} }), 400, 40001, "method");
    expectSinchError(await post(paths.callouts(), { method: 7 }), 400, 40001, "method");
    expectSinchError(await post(paths.callouts(), conferenceCallout("c", "0046701740605")), 400, 40005, "endpoint");
    expectSinchError(await post(paths.callouts(), conferenceCallout("c", "+46-70")), 400, 40001, "endpoint");
    expectSinchError(
      await post(paths.callouts(), {
        method: "ttsCallout",
        ttsCallout: { destination: { type: "number", endpoint: "+4670174060" }, text: "x".repeat(601) },
      }),
      400,
      40001,
      "ttsCallout.text",
    );
    await control.putRoom("v", [{ cli: "+46701740605", callId: "p" }]);
    expectSinchError(await patch(paths.participant("v", "p"), {}), 400, 40002, "command");
    expectSinchError(await patch(paths.participant("v", "p"), { command: "onhold", moh: "jazz" }), 400, 40001, "moh");
    expect(await control.calls()).toHaveLength(1); // only the control participant: no callout was placed
  });

  it("username and sip destinations need no +; Capitalised types are accepted", async () => {
    for (const destination of [
      { type: "username", endpoint: "alice" },
      { type: "sip", endpoint: "sip:alice@example.com" },
      { type: "Number", endpoint: "+46701740605" },
    ]) {
      const res = await post(paths.callouts(), {
        method: "conferenceCallout",
        conferenceCallout: { destination, conferenceId: "types" },
      });
      expect(res.status, res.text).toBe(200);
    }
  });
});

describe("authentication", () => {
  const confPath = paths.conference("auth-room");
  beforeEach(async () => {
    await control.putRoom("auth-room", [{ cli: "+46701740605" }]);
  });

  it("Basic with the bare key and with the application\\key username", async () => {
    expect((await get(confPath, { auth: "basic" })).status).toBe(200);
    expect((await get(confPath, { auth: "basic-legacy" })).status).toBe(200);
    expectSinchError(await get(confPath, { auth: "basic", secret: "AAAAAAAAAAAAAAAAAAAAAA==" }), 401, 40108);
    expectSinchError(await get(confPath, { auth: "basic", key: "someone-else" }), 401, 40108);
  });

  it("the Basic secret is compared as sent, never base64-decoded", async () => {
    const decoded = Buffer.from(SECRET, "base64").toString("latin1");
    const res = await get(confPath, { auth: { authorization: basicAuthorization(KEY, decoded) } });
    expectSinchError(res, 401, 40108);
  });

  it("missing or malformed Authorization: 40100; another scheme: 40107", async () => {
    expectSinchError(await get(confPath, { auth: "none" }), 401, 40100);
    expectSinchError(await get(confPath, { auth: { authorization: "Application" } }), 401, 40100);
    expectSinchError(await get(confPath, { auth: { authorization: `Application ${KEY}` } }), 401, 40100);
    expectSinchError(await get(confPath, { auth: { authorization: "Basic bm9jb2xvbg==" } }), 401, 40100);
    expectSinchError(await get(confPath, { auth: { authorization: "Bearer abc.def.ghi" } }), 401, 40107);
  });

  it("x-timestamp: missing, unparseable or outside the window is 40101; inside it is fine", async () => {
    const signed = signRequest({
      key: KEY,
      secret: SECRET,
      method: "GET",
      path: confPath,
      contentType: "application/json",
    });
    expectSinchError(await get(confPath, { auth: { authorization: signed.authorization } }), 401, 40101, "x-timestamp");
    expectSinchError(await get(confPath, { timestamp: "yesterday" }), 401, 40101);
    expectSinchError(await get(confPath, { timestamp: "Fri, 27 Nov 2026 16:08:32 GMT" }), 401, 40101);
    const old = new Date(Date.now() - 16 * 60 * 1000).toISOString();
    const future = new Date(Date.now() + 16 * 60 * 1000).toISOString();
    expectSinchError(await get(confPath, { timestamp: old }), 401, 40101);
    expectSinchError(await get(confPath, { timestamp: future }), 401, 40101);
    expect((await get(confPath, { timestamp: new Date(Date.now() - 14 * 60 * 1000).toISOString() })).status).toBe(200);
    // Without milliseconds, as in Sinch's documentation example (2014-06-04T13:41:58Z).
    expect((await get(confPath, { timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z") })).status).toBe(200);

    await control.patchSettings({ clockSkewMs: 60_000 });
    expectSinchError(
      await get(confPath, { timestamp: new Date(Date.now() - 2 * 60 * 1000).toISOString() }),
      401,
      40101,
    );
  });

  it("signature: Content-Type exactly as sent (or empty), MD5 over the exact bytes, decoded path", async () => {
    // A GET with no Content-Type at all signs an empty line (what Sinch's Java SDK sends).
    expect((await get(confPath, { contentType: null })).status).toBe(200);
    expect((await get(confPath, { contentType: "application/json; charset=UTF-8" })).status).toBe(200);
    expectSinchError(
      await get(confPath, { contentType: "application/json; charset=UTF-8", signedContentType: "application/json" }),
      401,
      40102,
    );
    // Whitespace and key order are part of the bytes: no re-serialising before the MD5.
    const body =
      '{ "method" : "conferenceCallout",\n  "conferenceCallout": {"conferenceId":"md5","destination":{"endpoint":"+46701740605","type":"number"}} }';
    expect((await post(paths.callouts(), body)).status).toBe(200);
    // Signing the encoded path instead of the decoded one is wrong.
    const odd = paths.conference("a b");
    await control.putRoom("a b", [{ cli: "+46701740605" }]);
    const ts = new Date().toISOString();
    const wrong = signRequest({
      key: KEY,
      secret: SECRET,
      method: "GET",
      path: odd.replace("%20", "%2520"),
      contentType: "application/json",
      timestamp: ts,
    });
    expectSinchError(await get(odd, { auth: { authorization: wrong.authorization, timestamp: ts } }), 401, 40102);
    expect((await get(odd)).status).toBe(200);
  });

  it("wrong key on a Signed request: 40108; wrong secret: 40102", async () => {
    expectSinchError(await get(confPath, { key: "not-my-key" }), 401, 40108);
    expectSinchError(await get(confPath, { secret: "AAAAAAAAAAAAAAAAAAAAAA==" }), 401, 40102);
  });

  it("the scheme word may be lowercase (as Sinch's callbacks send it)", async () => {
    const ts = new Date().toISOString();
    const h = signRequest({
      key: KEY,
      secret: SECRET,
      method: "GET",
      path: confPath,
      contentType: "application/json",
      timestamp: ts,
    });
    const res = await get(confPath, {
      auth: { authorization: h.authorization.replace(/^Application/, "application"), timestamp: ts },
    });
    expect(res.status).toBe(200);
  });

  it("an unknown route is 404 even without credentials; a known one checks them first", async () => {
    expectSinchError(await get("/calling/v1/elsewhere", { auth: "none" }), 404, 40400);
    expectSinchError(await get(paths.conference("nobody-here"), { auth: "none" }), 401, 40100);
  });
});

describe("faults", () => {
  it("status: answers the error with Retry-After, for count requests, without running the operation", async () => {
    const fault = await control.addFault({
      match: { operation: "placeCallout" },
      count: 2,
      fault: { type: "status", status: 503, retryAfter: 7 },
    });
    expect(fault.id).toBeTruthy();
    for (let i = 0; i < 2; i++) {
      const res = await post(paths.callouts(), conferenceCallout("faulty", "+46701740605"));
      expectSinchError(res, 503, 50300);
      expect(res.headers.get("retry-after")).toBe("7");
    }
    expect(await control.calls()).toEqual([]);
    expect(await control.faults()).toEqual([]);
    expect((await post(paths.callouts(), conferenceCallout("faulty", "+46701740605"))).status).toBe(200);
  });

  it("status with its own errorCode and message; matches by method and path substring", async () => {
    await control.putRoom("a/b", [{ cli: "+46701740605", callId: "p" }]);
    await control.addFault({
      match: { method: "PATCH", path: "/conferences/id/a/b/" },
      fault: { type: "status", status: 429, errorCode: 42901, message: "slow down" },
    });
    expect((await get(paths.conference("a/b"))).status).toBe(200); // GET does not match
    expectSinchError(await patch(paths.participant("a/b", "p"), { command: "mute" }), 429, 42901, "slow down");
    expect((await control.room("a/b"))?.participants[0]?.muted).toBe(false);
    expect((await patch(paths.participant("a/b", "p"), { command: "mute" })).status).toBe(200);
  });

  it("faults are taken after authentication: a rejected request does not use one up", async () => {
    await control.addFault({ fault: { type: "status", status: 500 } });
    expectSinchError(await get(paths.call("x"), { auth: "none" }), 401, 40100);
    expectSinchError(await get(paths.call("x")), 500, 50000);
  });

  it("latency: answers late, then runs the operation normally", async () => {
    await control.addFault({ match: { operation: "placeCallout" }, fault: { type: "latency", ms: 1500 } });
    const answer = post(paths.callouts(), conferenceCallout("slow", "+46701740605"));
    // While the answer is held back, the callout has not been placed yet...
    await waitFor(async () => ((await control.requests()).length > 0 ? true : undefined));
    expect(await control.calls()).toEqual([]);
    // ...and once it comes, the operation has run as usual.
    const res = await answer;
    expect(res.status).toBe(200);
    expect(await control.calls()).toHaveLength(1);
  });

  it("hang: never answers; the client's abort frees it; reset closes the rest", async () => {
    await control.addFault({ match: { operation: "getCall" }, count: 2, fault: { type: "hang" } });
    const aborted = get(paths.call("x"), { signal: AbortSignal.timeout(200) });
    await expect(aborted).rejects.toThrow();
    const pending = get(paths.call("x")).then(
      () => "answered",
      () => "closed",
    );
    await waitFor(async () => ((await control.requests()).length === 2 ? true : undefined));
    expect((await control.health()).ok).toBe(true);
    await control.reset();
    expect(await pending).toBe("closed");
  });

  it("malformed: 200 with a body that breaks the response schema (or a custom one)", async () => {
    await control.addFault({ match: { operation: "getConference" }, fault: { type: "malformed" } });
    const res = await get(paths.conference("whatever"));
    expect(res.status).toBe(200);
    expect(conferenceInfoSchema.safeParse(res.json).success).toBe(false);

    await control.addFault({
      match: { operation: "getCall" },
      fault: { type: "malformed", body: "<html>oops</html>" },
    });
    const html = await get(paths.call("x"));
    expect(html.status).toBe(200);
    expect(html.text).toBe("<html>oops</html>");
  });

  it("drop: the connection is destroyed without an answer", async () => {
    await control.addFault({ fault: { type: "drop" } });
    await expect(get(paths.call("x"))).rejects.toThrow();
    const logged = (await control.requests()).at(-1);
    expect(logged).toMatchObject({ status: null, fault: "drop", operation: "getCall" });
    expectSinchError(await get(paths.call("x")), 404, 40400);
  });

  it("list, delete one, clear; bad fault bodies are 400", async () => {
    const a = await control.addFault({ fault: { type: "hang" } });
    await control.addFault({ match: { operation: "kickAll" }, count: 3, fault: { type: "drop" } });
    expect((await control.faults()).map((f) => f.remaining)).toEqual([1, 3]);
    expect((await control.request("DELETE", `/faults/${a.id}`)).status).toBe(200);
    expect(await control.faults()).toHaveLength(1);
    await control.clearFaults();
    expect(await control.faults()).toEqual([]);
    expect((await control.request("POST", "/faults", { fault: { type: "explode" } })).status).toBe(400);
    expect(
      (await control.request("POST", "/faults", { match: { operation: "nope" }, fault: { type: "drop" } })).status,
    ).toBe(400);
    expect((await control.request("POST", "/faults", "{")).status).toBe(400);
  });
});

describe("request log", () => {
  it("records what was sent and answered, never control requests", async () => {
    await control.putRoom("log room", [{ cli: "+46701740605", callId: "p1" }]);
    await get(paths.conference("log room"), { auth: "basic" });
    await patch(paths.participant("log room", "p1"), { command: "mute" });
    await get(paths.call("nope"), { auth: "none", contentType: null });
    await get(paths.call("nope"), { auth: { authorization: "Bearer x" } });
    await post(paths.callouts(), "not json at all");

    const logged = await control.requests();
    expect(logged).toHaveLength(5);
    expect(logged[0]).toMatchObject({
      method: "GET",
      path: "/calling/v1/conferences/id/log%20room",
      decodedPath: "/calling/v1/conferences/id/log room",
      operation: "getConference",
      authScheme: "basic",
      contentType: "application/json",
      body: null,
      status: 200,
      fault: null,
    });
    expect(logged[1]).toMatchObject({
      operation: "manageParticipant",
      authScheme: "signed",
      body: { command: "mute" },
      status: 200,
    });
    expect(logged[2]).toMatchObject({ authScheme: "none", contentType: null, status: 401 });
    expect(logged[3]).toMatchObject({ authScheme: "invalid", status: 401 });
    expect(logged[4]).toMatchObject({ body: "not json at all", status: 400 });
    expect(Number.isNaN(Date.parse(logged[0]?.time ?? ""))).toBe(false);

    const since = logged[2]?.seq ?? 0;
    expect((await control.requests(since)).map((r) => r.seq)).toEqual([logged[3]?.seq, logged[4]?.seq]);
    await control.clearRequests();
    expect(await control.requests()).toEqual([]);
    expect((await control.request("GET", "/requests?since=abc")).status).toBe(400);
  });
});

describe("control API", () => {
  it("health, PUT/GET rooms, participants, calls", async () => {
    expect(await control.health()).toEqual({ ok: true, conferences: 0, calls: 0 });
    const room = await control.putRoom("weekly", [
      { cli: "+46701740605", muted: true, custom: "Sofia", durationSeconds: 300 },
      { cli: "+12025550143", onhold: true, moh: "music1", callId: "priya" },
    ]);
    expect(room.conferenceId).toBe("weekly");
    expect(room.participants[0]).toMatchObject({
      cli: "+46701740605",
      muted: true,
      onhold: false,
      moh: null,
      custom: "Sofia",
    });
    expect(room.participants[0]?.duration).toBeGreaterThanOrEqual(300);
    expect(room.participants[1]).toMatchObject({ callId: "priya", onhold: true, moh: "music1", custom: null });
    expect(Date.parse(room.participants[0]?.joinedAt ?? "")).toBeLessThan(Date.now() - 299_000);

    const added = await control.request("POST", "/conferences/weekly/participants", { cli: "+61491570156" });
    expect(added.status).toBe(201);
    expect((added.json as { callId: string }).callId).toMatch(/^[0-9a-f]{32}$/);
    expect(await control.health()).toEqual({ ok: true, conferences: 1, calls: 3 });
    expect((await control.rooms()).map((r) => r.participants.length)).toEqual([3]);
    expect(await control.call("priya")).toMatchObject({
      status: "ONGOING",
      result: "ANSWERED",
      kind: "control",
      conferenceId: "weekly",
    });

    // PUT replaces: whoever is not in the new list hangs up; kept callIds keep their call
    const replaced = await control.putRoom("weekly", [{ cli: "+12025550143", callId: "priya" }]);
    expect(replaced.participants.map((p) => p.callId)).toEqual(["priya"]);
    expect((await control.calls()).filter((c) => c.status === "FINAL").map((c) => c.reason)).toEqual([
      "CALLEEHANGUP",
      "CALLEEHANGUP",
    ]);

    // An empty list empties the room, which then disappears
    expect((await control.putRoom("weekly", [])).participants).toEqual([]);
    expect((await control.request("GET", "/conferences/weekly")).status).toBe(404);
  });

  it("refuses bad bodies, conflicting callIds and unknown paths with JSON errors", async () => {
    expect((await control.request("PUT", "/conferences/x", { participants: [{ cli: "" }] })).status).toBe(400);
    expect(
      (await control.request("PUT", "/conferences/x", { participants: [{ cli: "+4670", onHold: true }] })).status,
    ).toBe(400);
    expect(
      (
        await control.request("PUT", "/conferences/x", {
          participants: [
            { cli: "+1", callId: "d" },
            { cli: "+2", callId: "d" },
          ],
        })
      ).status,
    ).toBe(400);
    await control.putRoom("x", [{ cli: "+46701740605", callId: "taken" }]);
    expect(
      (await control.request("POST", "/conferences/y/participants", { cli: "+1202", callId: "taken" })).status,
    ).toBe(409);
    expect(
      (await control.request("POST", "/conferences/x/participants", { cli: "+1202", callId: "taken" })).status,
    ).toBe(409);
    const unknown = await control.request("GET", "/nothing/here");
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: expect.stringContaining("/nothing/here") });
    expect((await control.request("GET", "/calls/nope")).status).toBe(404);
    expect((await control.request("DELETE", "/health")).status).toBe(405);
    expect((await control.request("PATCH", "/settings", { ringMs: -1 })).status).toBe(400);
    expect((await control.request("PATCH", "/settings", { colour: "red" })).status).toBe(400);
  });

  it("settings: GET, PATCH, and reset restores the start-up values", async () => {
    expect(await control.settings()).toEqual({
      ringMs: RING_MS,
      clockSkewMs: 900_000,
      clockOffsetMs: 0,
      speechMsPerChar: 1,
    });
    expect(await control.patchSettings({ ringMs: 10, speechMsPerChar: 0.5 })).toMatchObject({
      ringMs: 10,
      speechMsPerChar: 0.5,
    });
    await control.reset();
    expect((await control.settings()).ringMs).toBe(RING_MS);
  });

  it("reset clears rooms, calls, faults and the request log, and cancels ringing calls", async () => {
    await control.putRoom("r", [{ cli: "+46701740605" }]);
    await control.patchSettings({ ringMs: 200 });
    await callout(conferenceCallout("ringing", "+46701740605"));
    await control.addFault({ fault: { type: "drop" } });
    expect((await control.requests()).length).toBeGreaterThan(0);
    await control.reset();
    expect(await control.health()).toEqual({ ok: true, conferences: 0, calls: 0 });
    expect(await control.faults()).toEqual([]);
    expect(await control.requests()).toEqual([]);
    // A call placed now with the same ring time is answered after the cancelled one would
    // have been (timers of one duration fire in the order they were set): once it is in
    // its room, the cancelled call has had its chance to join.
    await control.patchSettings({ ringMs: 200 });
    await callout(conferenceCallout("after-reset", "+46701740605"));
    await waitFor(() => control.room("after-reset"), { what: "the call placed after the reset to join" });
    expect(await control.room("ringing")).toBeUndefined();
  });
});

describe("robustness and shutdown", () => {
  it("survives garbage: huge bodies, bad request lines, odd methods", async () => {
    expectSinchError(await post(paths.callouts(), "x".repeat(1024 * 1024 + 1)), 400, 40001, "too large");
    const { connect } = await import("node:net");
    await new Promise<void>((resolve) => {
      const socket = connect(emu.port, "127.0.0.1", () => socket.write("BLAH\r\n\r\n"));
      socket.on("data", () => {});
      socket.on("close", () => resolve());
      socket.on("error", () => resolve());
    });
    expectSinchError(await sinchRequest(emu, "PUT", paths.callouts(), { body: "{}" }), 405, 40500);
    expect((await control.health()).ok).toBe(true);
  });

  it("close() resolves promptly with keep-alive and hung connections open", async () => {
    const other = await startEmulator({ applicationKey: KEY, applicationSecret: SECRET, ringMs: 10_000 });
    const otherControl = new ControlClient(other.url);
    await otherControl.putRoom("r", [{ cli: "+46701740605" }]);
    await otherControl.addFault({ fault: { type: "hang" } });
    await otherControl.addFault({ fault: { type: "latency", ms: 60_000 } });
    const hung = sinchRequest(other, "GET", paths.call("x")).catch(() => "closed");
    const slow = sinchRequest(other, "GET", paths.call("y")).catch(() => "closed");
    await sinchRequest(other, "GET", paths.conference("r")); // leaves a keep-alive connection
    await waitFor(async () => ((await otherControl.requests()).length >= 3 ? true : undefined));
    // A close that waited for them would wait 60 s for one and for ever for the other,
    // and the test would time out.
    await other.close();
    expect(await hung).toBe("closed");
    expect(await slow).toBe("closed");
    await other.close(); // idempotent
  });
});
