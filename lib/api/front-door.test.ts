/**
 * The front door's decisions (issue 11, findings 7, 8, 10): malformed encoding, "."
 * and ".." segments, "//", "\" and a trailing "/" are refused with 400, never passed
 * on to be normalised; unknown routes are 404 and a method a route lacks is 405 with
 * `Allow` from the contract; a declared body over the limit is 413.
 */
import { describe, expect, it } from "vitest";
import { API_ENDPOINTS } from "./contracts";
import { allowHeader, frontDoor, methodsOf } from "./front-door";
import { API_BODY_LIMIT_BYTES } from "./limits";

const ENDPOINTS = API_ENDPOINTS;

const req = (method: string, url: string, headers: Record<string, string> = {}) => frontDoor({ method, url, headers });

describe("the front door of /api", () => {
  it.each([
    "/api/conferences/%zz/participants",
    "/api/conferences/%E0%A4%A/participants",
    "/api/conferences/%ED%A0%80",
    "/api/conferences/room/participants/%",
  ])("refuses malformed percent-encoding in %s with 400", (url) => {
    expect(req("GET", url)).toMatchObject({ status: 400, code: "validation_failed", api: true });
    expect(req("GET", url)?.message).toMatch(/not valid percent-encoding/);
  });

  it.each([
    "/api/conferences/room/participants/..",
    "/api/conferences/room/participants/%2e%2e",
    "/api/conferences/room/participants/.",
    "/api/conferences/room/participants/%2E",
    "/api/conferences/../users",
    "/api/conferences/room/participants/../",
  ])("refuses the dot segments of %s with 400 instead of resolving them", (url) => {
    expect(req("DELETE", url)).toMatchObject({ status: 400, code: "validation_failed" });
  });

  it.each(["/api/conferences//participants", "/api//conferences", "/api/conferences/", "/api/conferences/a\\b"])(
    "refuses %s (which Next would redirect) with 400",
    (url) => {
      expect(req("GET", url)).toMatchObject({ status: 400, code: "validation_failed" });
    },
  );

  it("answers 404 for a path no route has, and lets next-auth's own paths through", () => {
    expect(req("GET", "/api/nothing")).toMatchObject({ status: 404, code: "not_found", api: true });
    expect(req("GET", "/api/conferences/room/nothing")).toMatchObject({ status: 404 });
    expect(req("GET", "/api")).toMatchObject({ status: 404 });
    expect(req("GET", "/api/auth/session")).toBeNull();
    expect(req("POST", "/api/auth/callback/credentials", { "content-length": "100" })).toBeNull();
  });

  it("answers 405 with Allow from the contract for a method the path lacks", () => {
    expect(req("PUT", "/api/conferences")).toEqual({
      status: 405,
      code: "method_not_allowed",
      message: "/api/conferences does not take PUT; it takes GET, POST.",
      allow: "GET, POST, HEAD, OPTIONS",
      api: true,
    });
    expect(req("POST", "/api/users/abc")?.allow).toBe("PATCH, OPTIONS");
    expect(req("DELETE", "/api/auth/session")).toMatchObject({ status: 405, allow: "GET, POST, HEAD, OPTIONS" });
  });

  it("answers OPTIONS itself, and lets HEAD through wherever GET is", () => {
    expect(req("OPTIONS", "/api/conferences/r1")).toMatchObject({
      status: 204,
      allow: "GET, PATCH, DELETE, HEAD, OPTIONS",
    });
    expect(req("HEAD", "/api/audit/export")).toBeNull();
    expect(req("HEAD", "/api/callouts/batch")).toMatchObject({ status: 405 });
  });

  it("knows every endpoint of the contract under its method, with the query left alone", () => {
    for (const ep of ENDPOINTS) {
      const url = ep.path.replace(/:[A-Za-z]+/g, "x1") + "?q=%zz";
      expect(req(ep.method, url), `${ep.method} ${ep.path}`).toBeNull();
      expect(methodsOf(url.split("?")[0]!.split("/").slice(1))?.has(ep.method)).toBe(true);
    }
  });

  it("refuses a declared body over the limit with 413, and a chunked sign-in with 411", () => {
    const over = { "content-length": String(API_BODY_LIMIT_BYTES + 1) };
    expect(req("POST", "/api/callouts/batch", over)).toMatchObject({ status: 413, code: "payload_too_large" });
    expect(req("POST", "/api/callouts/batch", { "content-length": String(API_BODY_LIMIT_BYTES) })).toBeNull();
    expect(req("POST", "/api/auth/callback/credentials", { "transfer-encoding": "chunked" })).toMatchObject({
      status: 411,
      code: "length_required",
    });
    // Gavel's own routes count a chunked body as it streams (lib/api/server/body.ts).
    expect(req("POST", "/api/callouts/batch", { "transfer-encoding": "chunked" })).toBeNull();
  });

  it("leaves pages to Next, except a path that cannot be decoded", () => {
    expect(req("GET", "/conferences/room")).toBeNull();
    expect(req("GET", "/conferences/../login")).toBeNull();
    expect(req("GET", "/conferences/%zz")).toMatchObject({ status: 400, api: false });
  });

  it("does not echo a 10 kB path whole", () => {
    const refusal = req("GET", `/api/${"a".repeat(10_240)}`);
    expect(refusal?.status).toBe(404);
    expect(refusal!.message.length).toBeLessThan(200);
  });

  it("adds HEAD to GET and always OPTIONS in Allow", () => {
    expect(allowHeader(new Set(["GET"]))).toBe("GET, HEAD, OPTIONS");
    expect(allowHeader(new Set(["POST"]))).toBe("POST, OPTIONS");
  });
});
