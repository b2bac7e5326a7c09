/**
 * Decoded session tokens are reused for at most the session check's window and never
 * past the token's expiry; the Cookie header is read only when it reads the same as
 * Next would read it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "../../config/env";
import { cookieJar, decodedToken, forgetDecodedTokens, rememberDecoded } from "./decoded-tokens";

const saved = process.env.GAVEL_ROLE_REFRESH_SECONDS;
beforeAll(() => {
  process.env.GAVEL_ROLE_REFRESH_SECONDS = "30"; // capped at 5 s
  resetConfigForTests();
});
afterAll(() => {
  if (saved === undefined) delete process.env.GAVEL_ROLE_REFRESH_SECONDS;
  else process.env.GAVEL_ROLE_REFRESH_SECONDS = saved;
  resetConfigForTests();
  forgetDecodedTokens();
});

describe("decoded tokens", () => {
  const t0 = 1_800_000_000_000;
  const token = { uid: "u1", sid: "s1", exp: t0 / 1000 + 60 };

  it("are reused within 5 s of the decode, then decoded again", () => {
    rememberDecoded("raw-a", token, t0);
    expect(decodedToken("raw-a", t0 + 4_999)).toBe(token);
    expect(decodedToken("raw-a", t0 + 5_000)).toBeUndefined();
    expect(decodedToken("raw-a", t0 + 1)).toBeUndefined();
  });

  it("are not reused past the token's expiry, and one without expiry is not kept", () => {
    rememberDecoded("raw-b", { ...token, exp: t0 / 1000 + 2 }, t0);
    expect(decodedToken("raw-b", t0 + 1_999)).toBeDefined();
    expect(decodedToken("raw-b", t0 + 2_000)).toBeUndefined();
    rememberDecoded("raw-c", { uid: "u1" }, t0);
    expect(decodedToken("raw-c", t0)).toBeUndefined();
  });
});

describe("cookieJar", () => {
  it("reads a plain header, and declines what Next might read otherwise", () => {
    expect(cookieJar("a=1; next-auth.session-token=x.y.z")?.getAll()).toEqual([
      { name: "a", value: "1" },
      { name: "next-auth.session-token", value: "x.y.z" },
    ]);
    expect(cookieJar("a=1; a=2")).toBeUndefined();
    expect(cookieJar("a=%41")).toBeUndefined();
    expect(cookieJar('a="quoted"')).toBeUndefined();
  });
});
