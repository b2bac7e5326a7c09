/**
 * The callouts API's answers as zod schemas, for the server's contract (./contract.ts)
 * only: the OpenAPI document and the e2e run's checks read them; the browser reads the
 * same shapes as plain types (./types.ts), and `withSchemas` holds the two equal.
 */
import { z } from "zod";
import { calloutRequestSchema, type CallReason, type CallResult } from "../sinch/schemas";
import { CALLOUT_STATES, CALLOUT_TYPES } from "../vocabulary/callouts";

const iso = () => z.string().describe("ISO 8601 time");
/** Sinch's documented values, or any other it sends (kept as sent). */
const openString = <T>(description: string) => z.string().describe(description) as unknown as z.ZodType<T>;

export const calloutViewSchema = z.object({
  id: z.string(),
  type: z.enum(CALLOUT_TYPES),
  state: z.enum(CALLOUT_STATES),
  final: z.boolean(),
  callId: z.string().nullable(),
  destination: z.object({ type: z.string(), endpoint: z.string() }),
  cli: z.string().nullable(),
  conferenceId: z.string().nullable(),
  label: z.string().nullable(),
  name: z.string().nullable().optional(),
  result: openString<CallResult>("Sinch's call result: N/A, ANSWERED, BUSY, NOANSWER, FAILED or another").nullable(),
  reason: openString<CallReason>("Sinch's call end reason, e.g. CALLEEHANGUP").nullable(),
  durationSeconds: z.number().nullable(),
  error: z.string().nullable(),
  actorEmail: z.string().nullable(),
  batchId: z.string().nullable(),
  retryOf: z.string().nullable(),
  request: calloutRequestSchema,
  createdAt: iso(),
  updatedAt: iso(),
  joinedAt: iso().nullable(),
  endedAt: iso().nullable(),
});

export const placeCalloutReplySchema = z.object({
  callout: calloutViewSchema,
  replayed: z.boolean(),
  outcome: z.literal("unknown").optional(),
  requestId: z.string().optional(),
  message: z.string().optional(),
});

export const calloutListReplySchema = z.object({ callouts: z.array(calloutViewSchema) });

export const batchReplySchema = z.object({
  batchId: z.string(),
  conferenceId: z.string(),
  results: z.array(
    z.object({
      index: z.number().int(),
      number: z.string(),
      label: z.string().nullable(),
      ok: z.boolean(),
      callout: calloutViewSchema.nullable(),
      replayed: z.boolean(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
  placed: z.number().int(),
  failed: z.number().int(),
});

export const calloutSettingsSchema = z.object({ callerIds: z.array(z.string()), defaultCountry: z.string() });
