/**
 * Verifies a request's credentials the way Sinch does (reference section 8),
 * with the shared signing module, so the client's signer and this verifier
 * cannot disagree silently.
 *
 *   40100  Authorization header missing or malformed
 *   40101  x-timestamp missing, not ISO-8601, or outside the skew window
 *   40102  signature does not match
 *   40107  a scheme Calling v1 does not accept (Bearer, Digest, ...)
 *   40108  unknown application key, or wrong Basic secret
 */
import { parseAuthorization, safeEqual, verifySignature } from "../signing";
import { SinchHttpError } from "./errors";
import type { LoggedAuthScheme } from "./request-log";

export interface Credentials {
  applicationKey: string;
  applicationSecret: string;
}

export interface AuthInput {
  method: string;
  /** The path as sent (encoded, no query); signing.ts decodes it. */
  rawPath: string;
  rawBody: Buffer;
  authorization: string | undefined;
  /** The Content-Type header exactly as sent, or undefined when none was sent. */
  contentType: string | undefined;
  timestamp: string | undefined;
}

export interface AuthCheck {
  scheme: LoggedAuthScheme;
  /** Undefined when the request is authenticated. */
  error?: SinchHttpError;
}

// Full ISO-8601 date-time with a zone, as Sinch's SDKs send: 2026-11-27T16:08:32.086Z
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const fail = (scheme: LoggedAuthScheme, errorCode: number, message: string): AuthCheck => ({
  scheme,
  error: new SinchHttpError(401, errorCode, message),
});

export function authenticate(
  input: AuthInput,
  credentials: Credentials,
  clock: { now: number; skewMs: number },
): AuthCheck {
  if (input.authorization === undefined || input.authorization.trim() === "") {
    return fail("none", 40100, "Authorization header missing");
  }
  const parsed = parseAuthorization(input.authorization);
  if (parsed.scheme === "invalid") {
    const word = input.authorization.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
    const wrongKind = input.authorization.includes(" ") && word !== "basic" && word !== "application";
    return wrongKind
      ? fail("invalid", 40107, `Authorization scheme not accepted: ${parsed.reason}`)
      : fail("invalid", 40100, parsed.reason);
  }

  if (parsed.scheme === "basic") {
    // The secret is compared as the dashboard shows it (base64 text), never decoded.
    const ok =
      safeEqual(parsed.key, credentials.applicationKey) && safeEqual(parsed.secret, credentials.applicationSecret);
    return ok
      ? { scheme: "basic" }
      : fail("basic", 40108, "Invalid credentials: unknown application key or wrong secret");
  }

  if (!safeEqual(parsed.key, credentials.applicationKey)) {
    return fail("signed", 40108, "Invalid credentials: unknown application key");
  }
  if (input.timestamp === undefined || input.timestamp === "") {
    return fail("signed", 40101, "x-timestamp header missing");
  }
  const sent = Date.parse(input.timestamp);
  if (!ISO_TIMESTAMP.test(input.timestamp) || Number.isNaN(sent)) {
    return fail("signed", 40101, `x-timestamp is not an ISO-8601 date-time: ${input.timestamp}`);
  }
  const skew = Math.abs(clock.now - sent);
  if (skew > clock.skewMs) {
    return fail(
      "signed",
      40101,
      `x-timestamp ${input.timestamp} is ${Math.round(skew / 1000)} s away from the server's clock (allowed: ${Math.round(clock.skewMs / 1000)} s)`,
    );
  }
  const valid = verifySignature({
    secret: credentials.applicationSecret,
    signature: parsed.signature,
    method: input.method,
    path: input.rawPath,
    rawBody: input.rawBody,
    contentType: input.contentType ?? "",
    timestamp: input.timestamp,
  });
  return valid ? { scheme: "signed" } : fail("signed", 40102, "Invalid signature");
}
