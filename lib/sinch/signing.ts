/**
 * Sinch's two authentication schemes, shared by the client (to sign) and the
 * emulator (to verify). Reference: docs/sinch.md section 8.
 *
 * Signed ("Application key:signature"):
 *   contentMD5   = body empty ? "" : base64(md5(raw body bytes))
 *   stringToSign = VERB\nMD5\nContent-Type\nx-timestamp:TS\n<percent-decoded path>
 *   signature    = base64(hmacSha256(base64decode(secret), stringToSign))
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export type AuthScheme = "signed" | "basic";

export function contentMd5(body: string | Uint8Array | undefined | null): string {
  if (body === undefined || body === null || body.length === 0) return "";
  return createHash("md5").update(body).digest("base64");
}

/** The path that is signed: no query, percent-decoded. Malformed escapes are kept as sent. */
export function pathToSign(path: string): string {
  const noQuery = path.split("?")[0] ?? path;
  try {
    return decodeURIComponent(noQuery);
  } catch {
    return noQuery;
  }
}

export interface StringToSignParts {
  method: string;
  contentMd5: string;
  /** The Content-Type header exactly as sent, or "" when none is sent. */
  contentType: string;
  timestamp: string;
  /** The decoded path (use pathToSign). */
  path: string;
}

export function stringToSign(p: StringToSignParts): string {
  return [p.method.toUpperCase(), p.contentMd5, p.contentType, `x-timestamp:${p.timestamp}`, p.path].join("\n");
}

export function hmacSignature(secret: string, toSign: string): string {
  return createHmac("sha256", Buffer.from(secret, "base64")).update(toSign, "utf8").digest("base64");
}

export interface SignInput {
  key: string;
  secret: string;
  method: string;
  /** The path as sent (encoded); it is decoded for signing. */
  path: string;
  body?: string | Uint8Array;
  contentType?: string;
  /** ISO-8601 UTC; defaults to now. */
  timestamp?: string;
}

/** Headers for a Signed request: Authorization and x-timestamp. */
export function signRequest(input: SignInput): { authorization: string; "x-timestamp": string } {
  const timestamp = input.timestamp ?? new Date().toISOString();
  const signature = hmacSignature(
    input.secret,
    stringToSign({
      method: input.method,
      contentMd5: contentMd5(input.body),
      contentType: input.contentType ?? "",
      timestamp,
      path: pathToSign(input.path),
    }),
  );
  return { authorization: `Application ${input.key}:${signature}`, "x-timestamp": timestamp };
}

export function basicAuthorization(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`, "utf8").toString("base64")}`;
}

export type ParsedAuthorization =
  | { scheme: "basic"; key: string; secret: string }
  | { scheme: "signed"; key: string; signature: string }
  | { scheme: "invalid"; reason: string };

/**
 * Parses an Authorization header. Basic accepts the bare key and the older
 * `application\key` username; the Signed scheme word is matched case-insensitively
 * (Sinch's callbacks send it lowercase).
 */
export function parseAuthorization(header: string | undefined | null): ParsedAuthorization {
  if (!header) return { scheme: "invalid", reason: "Authorization header missing" };
  const space = header.indexOf(" ");
  if (space < 0) return { scheme: "invalid", reason: "Authorization header malformed" };
  const word = header.slice(0, space).toLowerCase();
  const rest = header.slice(space + 1).trim();
  if (word === "basic") {
    const decoded = Buffer.from(rest, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return { scheme: "invalid", reason: "Basic credentials malformed" };
    let key = decoded.slice(0, colon);
    const prefix = "application\\";
    if (key.toLowerCase().startsWith(prefix)) key = key.slice(prefix.length);
    return { scheme: "basic", key, secret: decoded.slice(colon + 1) };
  }
  if (word === "application") {
    const colon = rest.lastIndexOf(":");
    if (colon <= 0 || colon === rest.length - 1) {
      return { scheme: "invalid", reason: "Application credentials malformed" };
    }
    return { scheme: "signed", key: rest.slice(0, colon), signature: rest.slice(colon + 1) };
  }
  return { scheme: "invalid", reason: `unsupported authorization scheme "${header.slice(0, space)}"` };
}

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  if (ab.length !== bb.length) return false;
  return timingSafeEqual(ab, bb);
}

export interface VerifySignedInput {
  secret: string;
  signature: string;
  method: string;
  path: string;
  rawBody: Uint8Array | string;
  contentType: string;
  timestamp: string;
}

export function verifySignature(input: VerifySignedInput): boolean {
  const expected = hmacSignature(
    input.secret,
    stringToSign({
      method: input.method,
      contentMd5: contentMd5(input.rawBody),
      contentType: input.contentType,
      timestamp: input.timestamp,
      path: pathToSign(input.path),
    }),
  );
  return safeEqual(expected, input.signature);
}
