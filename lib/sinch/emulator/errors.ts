/**
 * Errors the emulator answers, in Sinch's wire shape (reference section 7):
 * `{"status": "404 ResourceNotFound", "errorCode": 40400, "message": "...", "reference": "<uuid>"}`.
 * errorCode is a number on the wire; its first three digits are the HTTP status.
 */
import { randomUUID } from "node:crypto";
import { SINCH_ERROR_CODE_STATUS, SINCH_ERROR_STATUS, type SinchErrorBody } from "../schemas";

/** Thrown anywhere in the emulator to answer a Sinch error; the server turns it into the body. */
export class SinchHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number,
    message: string,
    /** Sent with the error, e.g. Allow on a 405. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "SinchHttpError";
  }
}

/** The text Sinch puts in `status`: named per errorCode where the spec names it ("401 TimestampHeader"), else per status. */
export function sinchStatusText(status: number, errorCode?: number): string {
  const named = errorCode === undefined ? undefined : SINCH_ERROR_CODE_STATUS[errorCode];
  if (named?.startsWith(`${status} `)) return named;
  return SINCH_ERROR_STATUS[status] ?? `${status} Error`;
}

export function sinchErrorBody(
  status: number,
  errorCode: number,
  message: string,
): Required<SinchErrorBody> & { errorCode: number } {
  return { status: sinchStatusText(status, errorCode), errorCode, message, reference: randomUUID() };
}

// Shorthands for the codes the emulator uses, so call sites read like the reference table.
export const invalidParameter = (message: string) => new SinchHttpError(400, 40001, message);
export const missingParameter = (message: string) => new SinchHttpError(400, 40002, message);
export const missingRequestData = (message: string) => new SinchHttpError(400, 40003, message);
export const numberMissingPlus = (message: string) => new SinchHttpError(400, 40005, message);
export const notFound = (message: string) => new SinchHttpError(404, 40400, message);
export const methodNotAllowed = (message: string, allowed: readonly string[]) =>
  new SinchHttpError(405, 40500, message, { Allow: allowed.join(", ") });
