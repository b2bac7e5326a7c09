/**
 * Maps whatever a route threw to an ApiError for the envelope. Sinch's errorCode
 * and reference are kept as details a support person can quote; Sinch's raw body
 * and headers never reach the browser. Unknown errors become a generic 500 (the
 * wrapper logs them).
 */
import { z } from "zod";
import { ApiError } from "./errors";
import { isSinchError, type SinchError } from "../sinch/errors";
import { DuplicateEmailError, DuplicateNumberError, LastAdminError, NotFoundError } from "../db/errors";

function fromSinch(e: SinchError): ApiError {
  switch (e.kind) {
    case "timeout":
      return new ApiError("upstream_timeout", `Sinch did not answer: timeout after ${e.timeoutMs} ms`);
    case "network":
      return new ApiError("upstream_unavailable", e.message);
    case "invalid-response":
      return new ApiError("upstream_failed", `Sinch sent an answer Gavel could not read: ${e.message}`);
    case "configuration":
      return new ApiError("upstream_failed", e.message);
    case "http": {
      const details = {
        sinchStatus: e.status,
        ...(e.errorCode !== undefined ? { sinchErrorCode: e.errorCode } : {}),
        ...(e.reference ? { sinchReference: e.reference } : {}),
        ...(e.retryAfterSeconds !== undefined ? { retryAfterSeconds: e.retryAfterSeconds } : {}),
      };
      // The client's messages are sentences already; Sinch's own ones get a prefix saying whose they are.
      const message = e.message.startsWith("Sinch") ? e.message : `Sinch: ${e.message}`;
      if (e.status === 404) return new ApiError("not_found", message, details);
      if (e.status === 409) return new ApiError("conflict", message, details);
      if (e.status === 429) return new ApiError("rate_limited", `Sinch is rate limiting Gavel. ${message}`, details);
      if (e.status === 400) return new ApiError("validation_failed", message, details);
      // Sinch refusing Gavel's own credentials is not the person's session: never 401/403 here.
      if (e.status === 401 || e.status === 403) {
        return new ApiError("upstream_failed", `Sinch refused Gavel's credentials. ${message}`, details);
      }
      if (e.status === 500 || e.status === 503) return new ApiError("upstream_unavailable", message, details);
      return new ApiError("upstream_failed", message, details);
    }
  }
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (isSinchError(e)) return fromSinch(e);
  if (e instanceof NotFoundError) return new ApiError("not_found", e.message);
  if (e instanceof DuplicateEmailError || e instanceof LastAdminError) return new ApiError("conflict", e.message);
  if (e instanceof DuplicateNumberError) {
    return new ApiError("conflict", e.message, { number: e.number, ...(e.holder ? { contactId: e.holder.id } : {}) });
  }
  if (e instanceof z.ZodError) {
    const first = e.issues[0];
    return new ApiError(
      "validation_failed",
      first ? `${first.path.join(".") || "input"}: ${first.message}` : "Invalid input",
    );
  }
  // An error that wraps a Sinch failure (the audit's OutcomeUnknownError) answers as
  // that failure wherever a route does not handle the wrapper itself.
  if (e instanceof Error && isSinchError(e.cause)) return fromSinch(e.cause);
  return new ApiError("internal", "Something went wrong on Gavel's server. The request id identifies it in the log.");
}
