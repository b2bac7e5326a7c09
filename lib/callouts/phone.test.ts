import { describe, expect, it } from "vitest";
import { normalisePhoneNumber, usableCountry } from "./phone";

const ok = (e164: string) => ({ ok: true, e164 });

describe("normalisePhoneNumber", () => {
  it("normalises what people type to E.164 against the default country", () => {
    expect(normalisePhoneNumber("(202) 555-0143", "US")).toEqual(ok("+12025550143"));
    expect(normalisePhoneNumber("  +1 202-555-0143 ", "US")).toEqual(ok("+12025550143"));
    expect(normalisePhoneNumber("0708 123 456", "SE")).toEqual(ok("+46708123456"));
    expect(normalisePhoneNumber("020 7946 0486", "GB")).toEqual(ok("+442079460486"));
    expect(normalisePhoneNumber("+44 20 7946 0486", "US")).toEqual(ok("+442079460486"));
    expect(normalisePhoneNumber("+46708123456", undefined)).toEqual(ok("+46708123456"));
    expect(normalisePhoneNumber("tel:+46708123456", "US")).toEqual(ok("+46708123456"));
  });

  it("says why a national number is not valid for the default country, and how to fix it", () => {
    const r = normalisePhoneNumber("0708 123 456", "US");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/^not a valid number for US/);
      expect(r.message).toContain("add the country code, e.g. +46…");
    }
  });

  it("asks for the country code when no default country applies", () => {
    expect(normalisePhoneNumber("0708 123 456", undefined)).toEqual({
      ok: false,
      message: "add the country code, e.g. +46…",
    });
    expect(normalisePhoneNumber("0708 123 456", "")).toEqual({ ok: false, message: "add the country code, e.g. +46…" });
    expect(normalisePhoneNumber("0708 123 456", "ZZ")).toEqual({
      ok: false,
      message: "add the country code, e.g. +46…",
    });
  });

  it("maps libphonenumber's errors to sentences", () => {
    expect(normalisePhoneNumber("+999 123", "US")).toEqual({ ok: false, message: "unknown country code +999" });
    expect(normalisePhoneNumber("+9991234567", "US")).toEqual({ ok: false, message: "unknown country code +999" });
    expect(normalisePhoneNumber("1", "US")).toEqual({ ok: false, message: "is too short to be a phone number" });
    expect(normalisePhoneNumber("+", "US")).toMatchObject({ ok: false });
    expect(normalisePhoneNumber("555", "US")).toEqual({ ok: false, message: "is too short for a number in US" });
    expect(normalisePhoneNumber("+4470090012345678901", "US")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/too long/),
    });
  });

  it("refuses letters, stray characters and extensions before parsing", () => {
    expect(normalisePhoneNumber("+1 800 FLOWERS", "US")).toEqual({
      ok: false,
      message: "letters are not allowed in a phone number",
    });
    expect(normalisePhoneNumber("abc", "US")).toEqual({
      ok: false,
      message: "letters are not allowed in a phone number",
    });
    expect(normalisePhoneNumber("202-555-01a3", "US")).toEqual({
      ok: false,
      message: "letters are not allowed in a phone number",
    });
    expect(normalisePhoneNumber("2025550143 ext. 12", "US")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/extensions/),
    });
    expect(normalisePhoneNumber("2025550143;1", "US")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/only digits/),
    });
    expect(normalisePhoneNumber("1+2025550143", "US")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/\+ may only come first/),
    });
    expect(normalisePhoneNumber("   ", "US")).toEqual({ ok: false, message: "enter a phone number" });
  });

  it("accepts the emulator's London drama numbers but not the mobile ones libphonenumber rejects", () => {
    expect(normalisePhoneNumber("+442079460486", "US")).toEqual(ok("+442079460486"));
    expect(normalisePhoneNumber("+447700900486", "US")).toEqual({
      ok: false,
      message: "not a valid number for country code +44",
    });
  });

  it("usableCountry accepts only countries libphonenumber knows", () => {
    expect(usableCountry("se")).toBe("SE");
    expect(usableCountry("ZZ")).toBeUndefined();
    expect(usableCountry(undefined)).toBeUndefined();
  });
});
