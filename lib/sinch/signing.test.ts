import { describe, expect, it } from "vitest";
import {
  basicAuthorization,
  contentMd5,
  hmacSignature,
  parseAuthorization,
  pathToSign,
  signRequest,
  stringToSign,
  verifySignature,
} from "./signing";

// Test vectors from docs/sinch.md, section 8.
const KEY = "669E367E-6BBA-48AB-AF15-266871C28135";
const SECRET = "JViE5vDor0Sw3WllZka15Q==";
const TS = "2024-06-06T17:36:00.000Z";

describe("Signed auth test vectors", () => {
  it("GET conference info", () => {
    const h = signRequest({
      key: KEY,
      secret: SECRET,
      method: "GET",
      path: "/calling/v1/conferences/id/MyConfId",
      contentType: "application/json",
      timestamp: TS,
    });
    expect(h.authorization).toBe(`Application ${KEY}:7DoUM3Y8EBTIMf/9HyCo8gZOe5J+taY+K1Hr0RoB4uI=`);
    expect(h["x-timestamp"]).toBe(TS);
  });

  it("DELETE kick all", () => {
    const h = signRequest({
      key: KEY,
      secret: SECRET,
      method: "delete",
      path: "/calling/v1/conferences/id/MyConfId",
      contentType: "application/json",
      timestamp: TS,
    });
    expect(h.authorization).toBe(`Application ${KEY}:OEm77EqjNntWvwZilzvVF4KhfV4CGJ1TATDdr/km6ZY=`);
  });

  it("PATCH manage participant, body MD5", () => {
    const body = '{"command":"mute"}';
    expect(contentMd5(body)).toBe("YqRM7eeFNliI1cIE/d746w==");
    const h = signRequest({
      key: KEY,
      secret: SECRET,
      method: "PATCH",
      path: "/calling/v1/conferences/id/MyConfId/4398599d1ba84ef3bde0a82dfb61abed",
      body,
      contentType: "application/json",
      timestamp: TS,
    });
    expect(h.authorization).toBe(`Application ${KEY}:0ngeS8d4ad9Qv358ksrn8C5CoFkaGVoRzfTxRKmExr8=`);
  });

  it("POST callouts (docs example, correct value)", () => {
    const body = '{"message":"Hello world"}';
    expect(contentMd5(body)).toBe("jANzQ+rgAHyf1MWQFSwvYw==");
    const s = stringToSign({
      method: "POST",
      contentMd5: contentMd5(body),
      contentType: "application/json",
      timestamp: "2014-06-04T13:41:58Z",
      path: "/calling/v1/callouts",
    });
    expect(hmacSignature(SECRET, s)).toBe("aS9fG2smJx6MIhPJDSNiaDQ1D3+e493HuL+VVA9pqyM=");
  });

  it("an empty body has an empty MD5 and a missing Content-Type signs as an empty line", () => {
    expect(contentMd5("")).toBe("");
    expect(contentMd5(undefined)).toBe("");
    expect(stringToSign({ method: "get", contentMd5: "", contentType: "", timestamp: TS, path: "/p" })).toBe(
      `GET\n\n\nx-timestamp:${TS}\n/p`,
    );
  });
});

describe("paths", () => {
  it("signs the percent-decoded path without the query", () => {
    expect(pathToSign("/calling/v1/conferences/id/a%2Fb%20c%3F%23%25%C3%A5?x=1")).toBe(
      "/calling/v1/conferences/id/a/b c?#%å",
    );
  });
  it("keeps a malformed escape as sent", () => {
    expect(pathToSign("/a/%E0%A4%A")).toBe("/a/%E0%A4%A");
  });
});

describe("verification", () => {
  it("verifies what it signs and rejects a changed body", () => {
    const body = '{"command":"unmute"}';
    const path = "/calling/v1/conferences/id/w%2Fx/abc";
    const h = signRequest({ key: KEY, secret: SECRET, method: "PATCH", path, body, contentType: "application/json" });
    const parsed = parseAuthorization(h.authorization);
    expect(parsed).toEqual({ scheme: "signed", key: KEY, signature: expect.any(String) });
    if (parsed.scheme !== "signed") throw new Error("unreachable");
    const base = {
      secret: SECRET,
      signature: parsed.signature,
      method: "PATCH",
      path,
      contentType: "application/json",
      timestamp: h["x-timestamp"],
    };
    expect(verifySignature({ ...base, rawBody: body })).toBe(true);
    expect(verifySignature({ ...base, rawBody: '{"command":"mute"}' })).toBe(false);
    expect(verifySignature({ ...base, rawBody: body, contentType: "application/json; charset=utf-8" })).toBe(false);
  });

  it("parses Basic with a bare key and with the application\\ prefix", () => {
    expect(parseAuthorization(basicAuthorization(KEY, SECRET))).toEqual({ scheme: "basic", key: KEY, secret: SECRET });
    expect(parseAuthorization(basicAuthorization(`application\\${KEY}`, SECRET))).toEqual({
      scheme: "basic",
      key: KEY,
      secret: SECRET,
    });
  });

  it("names what is wrong with a bad header", () => {
    expect(parseAuthorization(undefined)).toEqual({ scheme: "invalid", reason: "Authorization header missing" });
    expect(parseAuthorization("Bearer abc").scheme).toBe("invalid");
    expect(parseAuthorization("Application nokey").scheme).toBe("invalid");
  });

  it("accepts the lowercase scheme word Sinch's callbacks use", () => {
    expect(parseAuthorization(`application ${KEY}:abc=`)).toEqual({ scheme: "signed", key: KEY, signature: "abc=" });
  });
});
