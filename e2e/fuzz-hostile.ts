/**
 * The hostile strings of the fuzz suite (e2e/fuzz-cases.ts builds requests from
 * them): decoded values an attacker would put in an id or a field, and raw path
 * segments as they go on the wire, some of which cannot be decoded on purpose.
 */
import fc from "fast-check";

/** A path segment: a valid value (filled in by the spec), or raw text as it goes on the wire. */
export type Segment =
  | { slot: "conferenceId" | "callId" | "calloutId" | "userId" | "contactId" | "tokenId" }
  | { raw: string; hostile: string };

const CONTROL = [
  "\u0000",
  "\u0001",
  "\u0007",
  "\u0008",
  "\t",
  "\n",
  "\r",
  "\u001b",
  "\u001f",
  "\u007f",
  "\u0085",
  "\u009f",
];
const SNEAKY = ["\u2028", "\u2029", "\u202e", "\ufeff", "\u200b", "\ud800", "\udfff", "\u{1f600}", "ﬀ", "İ", "ß"];

/** Decoded values: what a hostile id or field holds once the server has read it. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "..",
    ".",
    "../..",
    "..\\..",
    "a/b",
    "a\\b",
    "%zz",
    "%E0%A4%A",
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "",
    " ",
    "null",
    "undefined",
    "0",
    "-1",
    "1e309",
    "true",
    "<script>alert(1)</script>",
    "'; DROP TABLE users; --",
    '=HYPERLINK("http://x")',
    "${7*7}",
    "{{7*7}}",
    "\u0000",
    "a\u0000b",
    "\u0000leading",
    "a".repeat(10_240),
    "é".repeat(5_000),
    "\u0000".repeat(200),
  ),
  fc.constantFrom(...CONTROL, ...SNEAKY).chain((c) => fc.constantFrom(c, `room${c}`, `${c}room`, `ro${c}om`)),
  fc.string({
    unit: fc.constantFrom("a", ".", "/", "\\", "%", "\u0000", "\n", "é", "\u{1f600}", "\ud800"),
    maxLength: 24,
  }),
  fc.string({ unit: "binary", maxLength: 40 }),
);

/** encodeURIComponent, except that a lone surrogate (which it refuses) goes out as its raw UTF-8-ish escape. */
export function encodeSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[\ud800-\udfff]/g, "%ED%A0%80").replace(/[^A-Za-z0-9%._~-]/g, (c) => encodeURIComponent(c));
  }
}

/** Raw path segments an attacker types, as they go on the wire (decoding some throws, on purpose). */
const RAW_SEGMENTS = [
  "..",
  ".",
  "%2e%2e",
  "%2E%2E",
  ".%2e",
  "%2e",
  "..%2f",
  "..%2F..%2Fusers",
  "%2e%2e%2f",
  "..;",
  "%zz",
  "%E0%A4%A",
  "%",
  "%%",
  "%0",
  "%C0%AF",
  "%ED%A0%80",
  "%FF",
  "%F0%9F%98",
  "a%2Fb",
  "%2F",
  "%5C",
  "a%5Cb",
  "\\",
  "a\\b",
  "%00",
  "a%00b",
  "%01",
  "%1F",
  "%7F",
  "%0A",
  "%0D%0A",
  "%C2%85",
  "%E2%80%A8",
  "%E2%80%AE",
  "%EF%BB%BF",
  "__proto__",
  "constructor",
  "",
  "x/",
  "%3B",
  "%3F",
  "%23",
  "%27%22%3C%3E",
  "a".repeat(10_240),
  "%41".repeat(3_000),
];

export const hostileSegment: fc.Arbitrary<Segment> = fc.oneof(
  fc.constantFrom(...RAW_SEGMENTS).map((raw) => ({ raw, hostile: raw })),
  hostileString.map((s) => ({ raw: encodeSegment(s), hostile: s })),
);
