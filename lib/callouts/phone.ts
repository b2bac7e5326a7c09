/**
 * Phone numbers as people type them, turned into the E.164 form Sinch dials, or into
 * a sentence that says why they cannot be dialled. Client-safe: the forms run it as
 * you type and the server runs it again on whatever it is sent.
 *
 * libphonenumber-js does the parsing (with its default "min" metadata, which is what
 * the emulator's special numbers are documented against). Its ParseError codes are
 * mapped to sentences; a few things it would quietly accept are refused first:
 * letters (it reads "1-800-FLOWERS" as a vanity number, and garbage as a partial
 * number) and extensions (Sinch cannot dial them; they belong in the PIN digits).
 */
import {
  getCountryCallingCode,
  isSupportedCountry,
  isValidPhoneNumber,
  parsePhoneNumberWithError,
  ParseError,
  validatePhoneNumberLength,
  type CountryCode,
} from "libphonenumber-js";

export type PhoneResult = { ok: true; e164: string } | { ok: false; message: string };

/** A country code libphonenumber knows, or undefined (then only +-prefixed numbers can be read). */
export function usableCountry(country: string | null | undefined): CountryCode | undefined {
  const c = country?.trim().toUpperCase();
  return c && isSupportedCountry(c) ? (c as CountryCode) : undefined;
}

const ADD_COUNTRY_CODE = "add the country code, e.g. +46…";

/** The country code a +-number seems to start with, for messages: the first group if it is short, else 3 digits. */
function callingCodeOf(text: string): string | undefined {
  const group = /^\+\s*(\d+)/.exec(text)?.[1];
  if (!group) return undefined;
  return `+${group.length <= 3 ? group : group.slice(0, 3)}`;
}

/**
 * Reads a phone number typed by a person ("(202) 555-0143", "+44 20 7946 0486",
 * "0708 123 456") against a default country, and answers its E.164 form or why it
 * cannot be dialled. The sentences are written to follow a field name:
 * "destination.endpoint: not a valid number for US".
 */
export function normalisePhoneNumber(input: string, defaultCountry?: string | null): PhoneResult {
  // A tel: link pasted from a web page or a contact card.
  const text = input.trim().replace(/^tel:/i, "").trim();
  if (text === "") return { ok: false, message: "enter a phone number" };
  if (/[a-z]/i.test(text)) {
    if (/(?:ext\.?|x|#)\s*\d+\s*$/i.test(text)) {
      return { ok: false, message: "extensions cannot be dialled: put them in the PIN digits instead" };
    }
    return { ok: false, message: "letters are not allowed in a phone number" };
  }
  if (/[^\d\s+()./-]/.test(text)) {
    return { ok: false, message: "may contain only digits, spaces, a leading + and ( ) - ." };
  }
  if (text.indexOf("+") > 0 || (text.match(/\+/g)?.length ?? 0) > 1) {
    return { ok: false, message: "a + may only come first, before the country code" };
  }
  const country = usableCountry(defaultCountry);
  const international = text.startsWith("+");
  if (!international && country === undefined) return { ok: false, message: ADD_COUNTRY_CODE };

  let parsed;
  try {
    parsed = parsePhoneNumberWithError(text, country);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    switch (e.message) {
      case "INVALID_COUNTRY":
        return international
          ? { ok: false, message: `unknown country code ${callingCodeOf(text) ?? "+"}` }
          : { ok: false, message: ADD_COUNTRY_CODE };
      case "NOT_A_NUMBER":
        return { ok: false, message: "is not a phone number: type its digits, e.g. +46 70 123 45 67" };
      case "TOO_SHORT":
        return { ok: false, message: "is too short to be a phone number" };
      case "TOO_LONG":
        return { ok: false, message: "is too long to be a phone number" };
      default:
        return { ok: false, message: "is not a phone number Gavel can read" };
    }
  }

  if (parsed.ext) return { ok: false, message: "extensions cannot be dialled: put them in the PIN digits instead" };
  if (isValidPhoneNumber(parsed.number)) return { ok: true, e164: parsed.number };

  // Parsed, but not a number anyone has: say for where, and how long it should be.
  const where = international
    ? parsed.country
      ? parsed.country
      : `country code +${parsed.countryCallingCode}`
    : (country as CountryCode);
  const length = validatePhoneNumberLength(text, country);
  if (length === "TOO_SHORT") return { ok: false, message: `is too short for a number in ${where}` };
  if (length === "TOO_LONG") return { ok: false, message: `is too long for a number in ${where}` };
  if (!international && country) {
    const own = getCountryCallingCode(country);
    return {
      ok: false,
      message: `not a valid number for ${country} (+${own}); for another country, ${ADD_COUNTRY_CODE}`,
    };
  }
  return { ok: false, message: `not a valid number for ${where}` };
}
