/**
 * Validation of what a Sinch client sends, with the shared wire schemas, mapped
 * to Sinch's 400 error codes (reference sections 4, 5 and 7):
 *   40001 parameter invalid (wrong type, bad enum, unknown callout method)
 *   40002 parameter missing (absent or empty)
 *   40003 request data missing (empty body, not JSON, not an object)
 *   40005 a `number` destination without its leading +
 * Every message names the field, as Sinch's do, so a failing test says what was wrong.
 */
import type { z } from "zod";
import {
  CALLOUT_METHODS,
  callIdSchema,
  calloutRequestSchema,
  conferenceIdSchema,
  e164Schema,
  manageParticipantSchema,
  type CalloutRequest,
  type Destination,
  type ManageParticipant,
} from "../schemas";
import { isInlineSvaml } from "../svaml";
import { SinchHttpError, invalidParameter, missingParameter, missingRequestData, numberMissingPlus } from "./errors";

/** Parses a raw body as a JSON object, or throws 40003. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  const text = raw.toString("utf8");
  if (text.trim() === "") throw missingRequestData("Request body is missing");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw missingRequestData("Request body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw missingRequestData("Request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/**
 * Turns the first zod issue into Sinch's code: a field that is absent (or an empty
 * string where one is required) is "missing", anything else present but wrong is "invalid".
 */
function toSinchError(error: z.ZodError, input: unknown, prefix: readonly PropertyKey[] = []): SinchHttpError {
  const issue = error.issues[0];
  if (!issue) return invalidParameter("Invalid request");
  const path = [...prefix, ...issue.path];
  const field = path.map(String).join(".") || "body";
  const value = valueAt(input, issue.path);
  if (value === undefined || (value === "" && issue.code === "too_small")) {
    return missingParameter(`Parameter missing: ${field}`);
  }
  return invalidParameter(`Invalid parameter ${field}: ${issue.message}`);
}

/** A `number` destination must be E.164: 40005 without the +, 40001 if otherwise malformed. */
function checkDestination(destination: Destination | undefined, field: string): void {
  if (!destination) return;
  if (destination.type !== "number" && destination.type !== "Number") return;
  if (!destination.endpoint.startsWith("+")) {
    throw numberMissingPlus(`Invalid parameter ${field}.endpoint: number must start with + (E.164)`);
  }
  const e164 = e164Schema.safeParse(destination.endpoint);
  if (!e164.success) {
    throw invalidParameter(`Invalid parameter ${field}.endpoint: ${e164.error.issues[0]?.message ?? "not E.164"}`);
  }
}

/** Validates a callout envelope `{"method": M, M: {...}}`. */
export function validateCallout(raw: Buffer): CalloutRequest {
  const body = parseJsonObject(raw);
  const method = body.method;
  // Checked by hand (not left to the discriminated union) so the message names the method.
  if (method === undefined) throw invalidParameter("Invalid parameter method: missing callout method");
  if (typeof method !== "string" || !(CALLOUT_METHODS as readonly string[]).includes(method)) {
    throw invalidParameter(
      `Invalid parameter method: unknown callout method ${JSON.stringify(method)}, expected one of ${CALLOUT_METHODS.join(", ")}`,
    );
  }
  if (body[method] === undefined) throw missingParameter(`Parameter missing: ${method}`);
  const parsed = calloutRequestSchema.safeParse(body);
  if (!parsed.success) throw toSinchError(parsed.error, body);
  const request = parsed.data;
  switch (request.method) {
    case "conferenceCallout":
      checkDestination(request.conferenceCallout.destination, "conferenceCallout.destination");
      break;
    case "ttsCallout":
      checkDestination(request.ttsCallout.destination, "ttsCallout.destination");
      break;
    case "customCallout":
      // The spec says to leave destination (and cli) out when the ICE is inline SVAML:
      // the SVAML names the callee. With a callback URL there is no one to call without it.
      if (!request.customCallout.destination && !isInlineSvaml(request.customCallout.ice)) {
        throw missingParameter("Parameter missing: customCallout.destination");
      }
      checkDestination(request.customCallout.destination, "customCallout.destination");
      break;
  }
  return request;
}

/** Validates a manage-participant body `{"command", "moh"?}`; the enums are enforced here. */
export function validateManageParticipant(raw: Buffer): ManageParticipant {
  const body = parseJsonObject(raw);
  const parsed = manageParticipantSchema.safeParse(body);
  if (!parsed.success) throw toSinchError(parsed.error, body);
  return parsed.data;
}

/** Path parameters go through the same schemas as the client uses to build them. */
export function validateConferenceId(value: string): string {
  const parsed = conferenceIdSchema.safeParse(value);
  if (!parsed.success) throw toSinchError(parsed.error, value, ["conferenceId"]);
  return parsed.data;
}

export function validateCallId(value: string): string {
  const parsed = callIdSchema.safeParse(value);
  if (!parsed.success) throw toSinchError(parsed.error, value, ["callId"]);
  return parsed.data;
}
