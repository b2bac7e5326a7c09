/**
 * The /api front door against the production build (issue 11, findings 7, 8, 10):
 * what Next used to answer outside the envelope, or worse, redirect.
 */
import { API_BODY_LIMIT_BYTES } from "../lib/api/limits";
import { expect, test } from "./fixtures";
import { BASE_URL, emulator } from "./helpers";
import { rawRequest, type RawAnswer } from "./raw-http";

async function cookieOf(apiAs: (role: "admin" | "moderator") => Promise<import("@playwright/test").APIRequestContext>) {
  return (await (await apiAs("admin")).storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

function expectEnvelope(res: RawAnswer, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(JSON.parse(res.text)).toMatchObject({ error: { code } });
}

test("kicking callId .. is refused with 400, not redirected to end the meeting", async ({ apiAs, room }) => {
  const r = await room("fd-dots", [{ cli: "+46708168731" }, { cli: "+447700900123" }, { cli: "+12025550143" }]);
  const cookie = await cookieOf(apiAs);
  for (const callId of ["..", "%2e%2e", "."]) {
    const res = await rawRequest({
      method: "DELETE",
      path: `/api/conferences/${r.id}/participants/${callId}`,
      headers: { cookie, origin: BASE_URL },
    });
    expectEnvelope(res, 400, "validation_failed");
  }
  expect((await emulator.room(r.id))?.participants).toHaveLength(3);
});

test("malformed percent-encoding, unknown routes and wrong methods answer in the envelope", async ({ apiAs }) => {
  const cookie = await cookieOf(apiAs);
  for (const path of ["/api/conferences/%zz/participants", "/api/conferences/%E0%A4%A/participants"]) {
    expectEnvelope(await rawRequest({ method: "GET", path, headers: { cookie } }), 400, "validation_failed");
  }
  expectEnvelope(await rawRequest({ method: "GET", path: "/api/nothing", headers: { cookie } }), 404, "not_found");
  const put = await rawRequest({ method: "PUT", path: "/api/conferences", headers: { cookie } });
  expectEnvelope(put, 405, "method_not_allowed");
  expect(put.headers.allow).toBe("GET, POST, HEAD, OPTIONS");
  const big = await rawRequest({
    method: "GET",
    path: "/api/conferences",
    headers: { cookie, "x-big": "a".repeat(20_000) },
  });
  expectEnvelope(big, 431, "headers_too_large");
});

test("a body over the limit is refused with 413, declared or streamed", async ({ apiAs }) => {
  const cookie = await cookieOf(apiAs);
  const headers = { cookie, origin: BASE_URL, "content-type": "application/json" };
  const big = Buffer.from(JSON.stringify({ conferenceId: "x".repeat(API_BODY_LIMIT_BYTES) }));
  expectEnvelope(
    await rawRequest({ method: "POST", path: "/api/conferences", headers, body: big }),
    413,
    "payload_too_large",
  );
  function* chunks() {
    for (let i = 0; i < big.length; i += 65_536) yield big.subarray(i, i + 65_536);
  }
  const streamed = await rawRequest({ method: "POST", path: "/api/conferences", headers, body: chunks() });
  expectEnvelope(streamed, 413, "payload_too_large");
});

test("the participants poll answered at the front door carries what Next's route answers", async ({ apiAs, room }) => {
  const r = await room(
    "fd-poll",
    Array.from({ length: 12 }, (_, i) => ({ cli: `+4670816${String(8700 + i)}` })),
  );
  const cookie = await cookieOf(apiAs);
  const path = `/api/conferences/${r.id}/participants`;
  // A cookie value with a percent sign is one the front door does not read itself:
  // that request is Next's. The next one, the same session in the same window, is not.
  const viaNext = await rawRequest({ method: "GET", path, headers: { cookie: `${cookie}; gavel-probe=%41` } });
  const fast = await rawRequest({ method: "GET", path, headers: { cookie } });
  expect(viaNext.status, viaNext.text).toBe(200);
  expect(fast.status, fast.text).toBe(200);
  const comparable = (h: Record<string, unknown>) => {
    const { date: _d, "x-request-id": _r, connection: _c, "keep-alive": _k, ...rest } = h;
    return rest;
  };
  expect(comparable(fast.headers)).toEqual(comparable(viaNext.headers));
  expect(fast.text).toBe(viaNext.text);
  expect(fast.headers["cache-control"]).toBe("no-store");
  expect(fast.headers.etag).toMatch(/^W\/"/);
  // An unchanged list: 304, no body, the list's fetch time still told.
  const again = await rawRequest({ method: "GET", path, headers: { cookie, "if-none-match": fast.headers.etag! } });
  expect(again.status).toBe(304);
  expect(again.text).toBe("");
  expect(again.headers["x-gavel-fetched-at"]).toBe(JSON.parse(fast.text).fetchedAt);
});
