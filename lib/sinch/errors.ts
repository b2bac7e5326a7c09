/**
 * The ways a call to Sinch can fail, as typed errors. Thrown by the server-only
 * client (./client.ts); this file has no server dependencies so the API layer can
 * map them to its error envelope (502 upstream failed, 503 upstream unavailable,
 * 504 upstream timeout, 429 with Retry-After) without importing the client.
 *
 * Every error names the operation and the request (method and decoded path) for
 * logs, and its `message` is a sentence a person can read. None of them carries
 * credentials, headers or Sinch's raw body. Whatever text came from the other side
 * (Sinch's free-text message and reference, a redirect's Location, a connection
 * error's words) is in the message only bounded and sanitised (boundedText): the
 * message reaches browsers and the audit trail. Sinch's full text stays on the
 * error (`sinchMessage`) and in `toJSON()`, for the server log only.
 */
import { boundedText } from "../util/bounded-text";

/** How much of Sinch's free text a message carries; the log has all of it. */
export const SINCH_TEXT_MAX = 200;
/** Sinch's support reference is an id: longer than this is not one. */
export const SINCH_REFERENCE_MAX = 100;

export type SinchErrorKind = "http" | "timeout" | "network" | "invalid-response" | "configuration";

export type SinchOperation =
  | "getConference"
  | "manageParticipant"
  | "kickParticipant"
  | "kickAll"
  | "placeCallout"
  | "getCall";

/** Where a failed request went; shared by every error. */
export interface SinchRequestInfo {
  operation: SinchOperation;
  method: string;
  /** The percent-decoded path, readable in logs (the wire carried it encoded). */
  path: string;
  /** How many HTTP attempts were made, the failing one included (GETs retry). */
  attempts: number;
  /** Milliseconds from the first attempt to the failure, backoff waits included. */
  elapsedMs: number;
}

/**
 * The common base of the five failures. Exported below as `SinchError`: the value
 * is this class (for `instanceof`), the type is the union of the five subclasses,
 * so a `switch (e.kind)` narrows to the right fields.
 */
abstract class SinchErrorBase extends Error implements SinchRequestInfo {
  abstract readonly kind: SinchErrorKind;
  readonly operation: SinchOperation;
  readonly method: string;
  readonly path: string;
  readonly attempts: number;
  readonly elapsedMs: number;

  protected constructor(message: string, info: SinchRequestInfo, options?: { cause?: unknown }) {
    super(message, options);
    this.operation = info.operation;
    this.method = info.method;
    this.path = info.path;
    this.attempts = info.attempts;
    this.elapsedMs = info.elapsedMs;
  }

  /** A flat, secret-free record for structured logs. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      operation: this.operation,
      method: this.method,
      path: this.path,
      attempts: this.attempts,
      elapsedMs: this.elapsedMs,
    };
  }
}

const REASON_PHRASES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** Sinch answered with a status outside 2xx. */
export class SinchHttpError extends SinchErrorBase {
  readonly kind = "http" as const;
  /** The HTTP status Sinch answered with. */
  readonly status: number;
  /** Sinch's errorCode (for example 40400); its first three digits are the HTTP status. */
  readonly errorCode: number | undefined;
  /** Sinch's support reference for this failure, when it sent one (bounded and sanitised). */
  readonly reference: string | undefined;
  /** Sinch's own free-text message exactly as sent: for the server log, never for a browser. */
  readonly sinchMessage: string | undefined;
  /** Sinch's own status text, such as "404 ResourceNotFound", when it sent one. */
  readonly sinchStatus: string | undefined;
  /** What Retry-After asked for, in whole seconds (429 and 503 may send it). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    info: SinchRequestInfo & {
      status: number;
      errorCode?: number | string;
      message?: string;
      reference?: string;
      sinchStatus?: string;
      retryAfterSeconds?: number;
    },
  ) {
    const phrase = REASON_PHRASES[info.status];
    const fallback = `Sinch answered ${info.status}${phrase ? ` ${phrase}` : ""} (${info.operation})`;
    const shown = boundedText(info.message, SINCH_TEXT_MAX);
    super(shown ? shown : fallback, info);
    this.name = "SinchHttpError";
    this.status = info.status;
    this.errorCode = toErrorCode(info.errorCode);
    this.reference = boundedText(info.reference, SINCH_REFERENCE_MAX) || undefined;
    this.sinchMessage = typeof info.message === "string" ? info.message : undefined;
    this.sinchStatus = info.sinchStatus;
    this.retryAfterSeconds = info.retryAfterSeconds;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      errorCode: this.errorCode,
      reference: this.reference,
      sinchMessage: this.sinchMessage,
      sinchStatus: this.sinchStatus,
      retryAfterSeconds: this.retryAfterSeconds,
    };
  }
}

/** Sinch did not answer (headers and body) within the configured time. Never retried. */
export class SinchTimeoutError extends SinchErrorBase {
  readonly kind = "timeout" as const;
  readonly timeoutMs: number;

  constructor(info: SinchRequestInfo & { timeoutMs: number }) {
    super(`Sinch did not answer within ${info.timeoutMs} ms (${info.operation})`, info);
    this.name = "SinchTimeoutError";
    this.timeoutMs = info.timeoutMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), timeoutMs: this.timeoutMs };
  }
}

/** The connection failed: refused, reset, dropped mid-answer, DNS, TLS. */
export class SinchNetworkError extends SinchErrorBase {
  readonly kind = "network" as const;

  constructor(info: SinchRequestInfo & { cause: unknown }) {
    const detail = boundedText(describeCause(info.cause, false), SINCH_TEXT_MAX);
    super(`Gavel could not reach Sinch${detail ? `: ${detail}` : ""} (${info.operation})`, info, {
      cause: info.cause,
    });
    this.name = "SinchNetworkError";
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), cause: describeCause(this.cause) };
  }
}

/** Sinch answered 2xx, but the body is not JSON or not the shape the API documents. */
export class SinchInvalidResponseError extends SinchErrorBase {
  readonly kind = "invalid-response" as const;
  readonly status: number;
  /** What did not match: "not JSON", or a summary of the schema issues. */
  readonly issues: string;

  constructor(info: SinchRequestInfo & { status: number; issues: string }) {
    super(
      `Sinch sent an answer Gavel does not understand: ${boundedText(info.issues, SINCH_TEXT_MAX)} (${info.operation})`,
      info,
    );
    this.name = "SinchInvalidResponseError";
    this.status = info.status;
    this.issues = info.issues;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, issues: this.issues };
  }
}

/**
 * What answered was not Sinch's Calling API: a 404 whose body is not Sinch's JSON
 * error (a proxy's or web server's page, another API's error), or a redirect. The
 * base URL is wrong (SINCH_REGION, SINCH_BASE_URL, a proxy's routes), so the
 * answer says nothing about the conference or call: never read it as "nobody
 * connected" or "the participant left". The message names the base URL used.
 */
export class SinchConfigurationError extends SinchErrorBase {
  readonly kind = "configuration" as const;
  readonly status: number;
  /** The base URL the client was built with, e.g. https://calling-euc1.api.sinch.com. */
  readonly baseUrl: string;
  /** Where a redirect pointed, if it was one. */
  readonly location: string | undefined;

  constructor(info: SinchRequestInfo & { status: number; baseUrl: string; location?: string; contentType?: string }) {
    const what =
      info.status >= 300 && info.status < 400
        ? `a redirect (${info.status}${info.location ? ` to ${boundedText(info.location, SINCH_TEXT_MAX)}` : ""})`
        : `${info.status} with a body that is not Sinch's JSON error${info.contentType ? ` (${boundedText(info.contentType.split(";")[0], 100)})` : ""}`;
    super(
      `Gavel's Sinch address looks wrong: ${info.method} ${info.path} on ${info.baseUrl} answered ${what}. ` +
        `Check SINCH_REGION and SINCH_BASE_URL (${info.operation})`,
      info,
    );
    this.name = "SinchConfigurationError";
    this.status = info.status;
    this.baseUrl = info.baseUrl;
    this.location = info.location;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, baseUrl: this.baseUrl, location: this.location };
  }
}

export type SinchError =
  | SinchHttpError
  | SinchTimeoutError
  | SinchNetworkError
  | SinchInvalidResponseError
  | SinchConfigurationError;
// One name for the value (the base class) and the type (the union), on purpose.
export const SinchError = SinchErrorBase;

export function isSinchError(e: unknown): e is SinchError {
  return e instanceof SinchErrorBase;
}

function toErrorCode(v: number | string | undefined): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && /^\s*\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

/** The innermost useful words of a fetch failure ("fetch failed" alone says nothing). */
function describeCause(cause: unknown, withCode = true): string {
  const parts: string[] = [];
  let c: unknown = cause;
  for (let depth = 0; c !== undefined && c !== null && depth < 4; depth++) {
    if (c instanceof Error) {
      const code = (c as Error & { code?: unknown }).code;
      const text =
        withCode && typeof code === "string" && !c.message.includes(code) ? `${code}: ${c.message}` : c.message;
      if (text && text !== "fetch failed") parts.push(text);
      c = c.cause;
    } else {
      parts.push(String(c));
      break;
    }
  }
  return parts.at(-1) ?? "";
}

/**
 * Error codes of a connection that failed before the request could reach Sinch:
 * nothing was sent, so nothing happened there. Any other network failure (reset,
 * socket closed, broken pipe) may come after Sinch received the request.
 */
const NEVER_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "ERR_INVALID_URL",
  "UND_ERR_CONNECT_TIMEOUT",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function causeCodes(cause: unknown): string[] {
  const codes: string[] = [];
  let c: unknown = cause;
  for (let depth = 0; c instanceof Error && depth < 4; depth++) {
    const code = (c as Error & { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    c = c.cause;
  }
  return codes;
}

/**
 * What a failed command means for its outcome. "failed": Sinch answered with an
 * error status (a 429 or 5xx with a readable body included), or the request never
 * left Gavel (connection refused, DNS, invalid URL, a configuration error, anything
 * thrown before sending). "unknown": Sinch may have carried it out but did not say
 * so readably (a timeout, a connection reset or closed after the request was
 * written, a 2xx whose body Gavel cannot read). Reconciliation decides the unknown.
 */
export function outcomeOfFailure(e: unknown): "failed" | "unknown" {
  if (!isSinchError(e)) return "failed";
  switch (e.kind) {
    case "timeout":
      return "unknown";
    case "invalid-response":
      return e.status >= 200 && e.status < 300 ? "unknown" : "failed";
    case "network":
      return causeCodes(e.cause).some((c) => NEVER_SENT_CODES.has(c)) ? "failed" : "unknown";
    case "http":
    case "configuration":
      return "failed";
  }
}
