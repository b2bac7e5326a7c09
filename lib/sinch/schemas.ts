/**
 * Zod schemas for the Sinch Calling API v1 wire format: every request and
 * response of the six operations Gavel uses, and Sinch's error body.
 *
 * Shared by the client (to validate what Sinch answers) and the emulator (to
 * validate what it is sent), so the two cannot drift apart silently.
 * Reference: docs/sinch.md (sections 2 to 7).
 */
import { z } from "zod";
import { conferenceIdSchema } from "../vocabulary/conferences";
import type { Region } from "../vocabulary/regions";
import { MOH_CLASSES, PARTICIPANT_COMMANDS, TTS_MAX_CHARS } from "./constants";

export { REGIONS, type Region } from "../vocabulary/regions";

export function regionBaseUrl(region: Region): string {
  return region === "global" ? "https://calling.api.sinch.com" : `https://calling-${region}.api.sinch.com`;
}

export { callIdSchema, conferenceIdSchema } from "../vocabulary/conferences";

export { MOH_CLASSES, PARTICIPANT_COMMANDS, TTS_MAX_CHARS, type MohClass, type ParticipantCommand } from "./constants";
export const mohClassSchema = z.enum(MOH_CLASSES);
export const participantCommandSchema = z.enum(PARTICIPANT_COMMANDS);

/** E.164: a leading +, then 1 to 15 digits, the first not 0. */
export const e164Schema = z
  .string()
  .regex(/^\+[1-9]\d{1,14}$/, "must be an E.164 number: a leading + and 2 to 15 digits");

/** DTMF digits sent on answer: 0-9 # * and w (a 500 ms pause). */
export const dtmfSchema = z.string().regex(/^[0-9#*w]+$/, "may contain only the digits 0-9, # , * and w (a pause)");

export const DESTINATION_TYPES = ["number", "username", "sip", "Number", "Username"] as const;
export const destinationSchema = z.object({
  type: z.enum(DESTINATION_TYPES),
  endpoint: z.string().min(1),
});
export type Destination = z.infer<typeof destinationSchema>;

export const conferenceDtmfOptionsSchema = z.object({
  mode: z.enum(["ignore", "forward", "detect"]).optional(),
  maxDigits: z.number().int().min(1).optional(),
  timeoutMills: z.number().int().min(0).optional(),
});

/** The spec lists both spellings ("pstn" | "mxp" | "PSTN" | "MXP"), and so does the official Node SDK. */
const domainSchema = z.enum(["pstn", "mxp", "PSTN", "MXP"]);

export const conferenceCalloutSchema = z.object({
  destination: destinationSchema,
  conferenceId: conferenceIdSchema,
  cli: z.string().optional(),
  dtmf: dtmfSchema.optional(),
  maxDuration: z.number().int().min(0).optional(),
  enableAce: z.boolean().optional(),
  enableDice: z.boolean().optional(),
  enablePie: z.boolean().optional(),
  locale: z.string().optional(),
  greeting: z.string().optional(),
  mohClass: mohClassSchema.optional(),
  custom: z.string().optional(),
  domain: domainSchema.optional(),
  conferenceDtmfOptions: conferenceDtmfOptionsSchema.optional(),
});
export type ConferenceCallout = z.infer<typeof conferenceCalloutSchema>;

export const ttsCalloutSchema = z.object({
  destination: destinationSchema,
  cli: z.string().optional(),
  dtmf: dtmfSchema.optional(),
  domain: domainSchema.optional(),
  custom: z.string().optional(),
  locale: z.string().optional(),
  text: z.string().max(TTS_MAX_CHARS, `text must be at most ${TTS_MAX_CHARS} characters`).optional(),
  prompts: z.string().max(TTS_MAX_CHARS, `prompts must be at most ${TTS_MAX_CHARS} characters`).optional(),
  enableAce: z.boolean().optional(),
  enableDice: z.boolean().optional(),
  enablePie: z.boolean().optional(),
});
export type TtsCallout = z.infer<typeof ttsCalloutSchema>;

export const customCalloutSchema = z.object({
  cli: z.string().optional(),
  destination: destinationSchema.optional(),
  dtmf: dtmfSchema.optional(),
  custom: z.string().optional(),
  maxDuration: z.number().int().min(0).optional(),
  ice: z.string().optional(),
  ace: z.string().optional(),
  pie: z.string().optional(),
  dice: z.string().optional(),
});
export type CustomCallout = z.infer<typeof customCalloutSchema>;

export const CALLOUT_METHODS = ["conferenceCallout", "ttsCallout", "customCallout"] as const;
export type CalloutMethod = (typeof CALLOUT_METHODS)[number];

/** The callout envelope: `{"method": M, M: {...}}`. */
export const calloutRequestSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("conferenceCallout"), conferenceCallout: conferenceCalloutSchema }),
  z.object({ method: z.literal("ttsCallout"), ttsCallout: ttsCalloutSchema }),
  z.object({ method: z.literal("customCallout"), customCallout: customCalloutSchema }),
]);
export type CalloutRequest = z.infer<typeof calloutRequestSchema>;

export const calloutResponseSchema = z.object({ callId: z.string().min(1) });
export type CalloutResponse = z.infer<typeof calloutResponseSchema>;

/**
 * A value Sinch documents as one of a list, kept as sent when it is another one:
 * the official SDKs type these as `'A' | 'B' | string` (Node) or as open enums
 * (Java), and DiCE already lists reasons beyond the ten of the reference (e.g.
 * CONGESTION). An unknown value is shown as it came, never a parse failure.
 */
export type OpenEnum<T extends string> = T | (string & {});
const openEnum = <T extends string>() =>
  z.custom<OpenEnum<T>>((v) => typeof v === "string", { message: "must be a string" });

/**
 * How Sinch's answers are read: a `null` is taken for "absent", because the spec
 * marks fields such as `userRate.currencyId` nullable and Sinch's own SDKs do not
 * tell an absent field from a null one. Null properties are dropped and null items
 * are left out of arrays, recursively; a field the schema requires is still missing
 * afterwards, so a null `callId` remains an error.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutNulls);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== null) out[key] = withoutNulls(v);
  return out;
}

/** Every field is optional in Sinch's own types: parse defensively. */
export const participantSchema = z.object({
  cli: z.string().optional(),
  id: z.string().optional(),
  duration: z.number().optional(),
  muted: z.boolean().optional(),
  onhold: z.boolean().optional(),
});
export type WireParticipant = z.infer<typeof participantSchema>;

export const conferenceInfoSchema = z.object({
  participants: z.array(participantSchema).optional(),
});
export type ConferenceInfo = z.infer<typeof conferenceInfoSchema>;

export const manageParticipantSchema = z.object({
  command: participantCommandSchema,
  moh: mohClassSchema.optional(),
});
export type ManageParticipant = z.infer<typeof manageParticipantSchema>;

export const CALL_STATUSES = ["ONGOING", "FINAL"] as const;
export const CALL_RESULTS = ["N/A", "ANSWERED", "BUSY", "NOANSWER", "FAILED"] as const;
export const CALL_REASONS = [
  "N/A",
  "TIMEOUT",
  "CALLERHANGUP",
  "CALLEEHANGUP",
  "BLOCKED",
  "NOCREDITPARTNER",
  "MANAGERHANGUP",
  "CANCEL",
  "GENERALERROR",
  "INVALIDSVAMLACTION",
] as const;
/** The documented values, and any other Sinch sends (see OpenEnum): the emulator produces only the documented ones. */
export type CallStatus = OpenEnum<(typeof CALL_STATUSES)[number]>;
export type CallResult = OpenEnum<(typeof CALL_RESULTS)[number]>;
export type CallReason = OpenEnum<(typeof CALL_REASONS)[number]>;

const moneySchema = z.object({ currencyId: z.string().optional(), amount: z.number().optional() });

export const callInfoSchema = z.object({
  from: z.object({ type: z.string().optional(), endpoint: z.string().optional() }).optional(),
  to: z.object({ type: z.string().optional(), endpoint: z.string().optional() }).optional(),
  domain: z.string().optional(),
  callId: z.string().optional(),
  duration: z.number().optional(),
  status: openEnum<CallStatus>().optional(),
  result: openEnum<CallResult>().optional(),
  reason: openEnum<CallReason>().optional(),
  timestamp: z.string().optional(),
  custom: z.string().optional(),
  userRate: moneySchema.optional(),
  debit: moneySchema.optional(),
});
export type CallInfo = z.infer<typeof callInfoSchema>;

/**
 * Sinch's error body. errorCode is a number on the wire (a string in the SDK's
 * types). The emulator writes it with this type; the client reads each field on
 * its own (readSinchErrorBody), so one odd field does not lose the others.
 */
export const sinchErrorSchema = z.object({
  status: z.string().optional(),
  errorCode: z.union([z.number(), z.string()]).optional(),
  message: z.string().optional(),
  reference: z.string().optional(),
});
export type SinchErrorBody = z.infer<typeof sinchErrorSchema>;

/**
 * The fields of an error body that have the documented type, each on its own: a
 * `reference: null` or a numeric `message` must not cost the errorCode. Null when
 * the text is not a JSON object at all (a proxy's HTML page, an empty body).
 */
export function readSinchErrorBody(text: string): SinchErrorBody | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return null;
  const o = json as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const code = o.errorCode;
  return {
    status: str(o.status),
    errorCode: typeof code === "number" || typeof code === "string" ? code : undefined,
    message: str(o.message),
    reference: str(o.reference) ?? (typeof o.reference === "number" ? String(o.reference) : undefined),
  };
}

/**
 * The `status` text of Sinch's error bodies, per errorCode, where the spec's
 * examples name the error: "400 ParameterValidation", "400 MissingParameter" and
 * "401 TimestampHeader" are Sinch's; the other 400/401 names follow their pattern.
 * Other codes use the text per HTTP status (SINCH_ERROR_STATUS).
 */
export const SINCH_ERROR_CODE_STATUS: Record<number, string> = {
  40001: "400 ParameterValidation",
  40002: "400 MissingParameter",
  40003: "400 InvalidRequest",
  40005: "400 NumberMissingLeadingPlus",
  40100: "401 AuthorizationHeader",
  40101: "401 TimestampHeader",
  40102: "401 InvalidSignature",
  40107: "401 InvalidAuthorizationScheme",
  40108: "401 InvalidCredentials",
};

export const SINCH_ERROR_STATUS: Record<number, string> = {
  400: "400 BadRequest",
  401: "401 Unauthorized",
  402: "402 PaymentRequired",
  403: "403 Forbidden",
  404: "404 ResourceNotFound",
  405: "405 MethodNotAllowed",
  409: "409 Conflict",
  429: "429 TooManyRequests",
  500: "500 InternalServerError",
  502: "502 BadGateway",
  503: "503 ServiceUnavailable",
};

/** The wire paths; each segment is percent-encoded (the official SDK forgets to). */
export const paths = {
  callouts: () => "/calling/v1/callouts",
  conference: (conferenceId: string) => `/calling/v1/conferences/id/${encodeURIComponent(conferenceId)}`,
  participant: (conferenceId: string, callId: string) =>
    `/calling/v1/conferences/id/${encodeURIComponent(conferenceId)}/${encodeURIComponent(callId)}`,
  call: (callId: string) => `/calling/v1/calls/id/${encodeURIComponent(callId)}`,
};
