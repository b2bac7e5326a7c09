/**
 * Gavel's one error envelope: `{"error": {"code", "message", "details"?}}`, with a
 * closed list of codes mapped to HTTP statuses. Client-safe (no server imports):
 * the browser's fetch wrapper reads the same codes.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  /** The path exists, not with this method: the `Allow` header lists the ones it has. */
  method_not_allowed: 405,
  conflict: 409,
  /** A body on a next-auth route must say its length (Content-Length), so it can be limited before it is read. */
  length_required: 411,
  /** The body is over the limit (API_BODY_LIMIT_BYTES). */
  payload_too_large: 413,
  rate_limited: 429,
  /** The request's headers are over Node's limit (16 KiB). */
  headers_too_large: 431,
  internal: 500,
  upstream_failed: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetails {
  /** Sinch's errorCode, e.g. 40400, when Sinch answered with an error. */
  sinchErrorCode?: number;
  /** Sinch's reference, for Sinch support. */
  sinchReference?: string;
  /** Sinch's HTTP status. */
  sinchStatus?: number;
  /** Per-field validation problems. */
  fields?: { path: string; message: string }[];
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; details?: ErrorDetails };
}

/** A failure a route handler throws on purpose; the wrapper turns it into the envelope. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
    /** The request id of the response that carried this error (set in the browser). */
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = ERROR_STATUS[code];
  }
}
