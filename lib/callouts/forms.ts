/**
 * The callout submissions as a whole: a conference, text-to-speech or custom callout,
 * a dial-a-list batch, and a retry, built from the field rules in ./fields. Shared by
 * the browser forms and the API routes. Client-safe: no server imports.
 *
 * The schemas depend on two facts of the deployment, the default country for phone
 * numbers and the configured caller IDs, so they come from a factory:
 * `calloutSchemas({ defaultCountry, callerIds })`. The server builds them from
 * config(); the page hands the same two values to the browser.
 */
import { z } from "zod";
import { conferenceIdSchema } from "../sinch/schemas";
import { MAX_BATCH_LINES } from "../vocabulary/callouts";
import {
  callerIdSchemaFor,
  conferenceDtmfOptionsInputSchema,
  destinationSchemaFor,
  greetingSchema,
  idempotencyKeySchema,
  labelSchema,
  localeSchema,
  maxDurationSchema,
  mohChoiceSchema,
  pinDigitsSchema,
  spokenSchema,
  svamlOrUrlSchema,
} from "./fields";

export interface CalloutSchemaOptions {
  /** ISO 3166 alpha-2 code numbers without a + are read against; none: a + is required. */
  defaultCountry?: string | null;
  /** The caller IDs this deployment may present (config().callerIds); empty: Sinch's default only. */
  callerIds: readonly string[];
}

const typeError = { error: 'must be "conference", "tts" or "custom"' };

export function calloutSchemas(opts: CalloutSchemaOptions) {
  const destination = destinationSchemaFor(opts.defaultCountry);
  const cli = callerIdSchemaFor(opts.callerIds);

  const conference = z
    .object({
      type: z.literal("conference"),
      destination,
      conferenceId: conferenceIdSchema,
      cli,
      label: labelSchema,
      dtmf: pinDigitsSchema,
      greeting: greetingSchema,
      locale: localeSchema,
      mohClass: mohChoiceSchema,
      maxDuration: maxDurationSchema,
      conferenceDtmfOptions: conferenceDtmfOptionsInputSchema.optional(),
      idempotencyKey: idempotencyKeySchema.optional(),
    })
    .strict();

  const tts = z
    .object({
      type: z.literal("tts"),
      destination,
      cli,
      locale: localeSchema,
      text: spokenSchema("text"),
      prompts: spokenSchema("prompts"),
      dtmf: pinDigitsSchema,
      idempotencyKey: idempotencyKeySchema.optional(),
    })
    .strict()
    .superRefine((t, ctx) => {
      if (t.text === undefined && t.prompts === undefined) {
        ctx.addIssue({ code: "custom", path: ["text"], message: "write the text to speak, or give prompts" });
      }
      if (t.text !== undefined && t.prompts !== undefined) {
        ctx.addIssue({ code: "custom", path: ["prompts"], message: "give either text or prompts, not both" });
      }
    });

  const custom = z
    .object({
      type: z.literal("custom"),
      destination,
      cli,
      label: labelSchema,
      dtmf: pinDigitsSchema,
      maxDuration: maxDurationSchema,
      ice: svamlOrUrlSchema,
      ace: svamlOrUrlSchema,
      pie: svamlOrUrlSchema,
      dice: svamlOrUrlSchema,
      idempotencyKey: idempotencyKeySchema.optional(),
    })
    .strict();

  const callout = z.discriminatedUnion("type", [conference, tts, custom], typeError);

  /** Dial a list: one conference, shared settings, one line per number (checked line by line). */
  const batchLine = z
    .object({
      number: z.string({ error: "must be text" }).max(100, "must be at most 100 characters"),
      label: labelSchema,
      idempotencyKey: idempotencyKeySchema.optional(),
    })
    .strict();

  const batch = z
    .object({
      conferenceId: conferenceIdSchema,
      cli,
      greeting: greetingSchema,
      locale: localeSchema,
      mohClass: mohChoiceSchema,
      dtmf: pinDigitsSchema,
      batchId: idempotencyKeySchema.optional(),
      lines: z
        .array(batchLine, { error: "must be a list of {number, label}" })
        .min(1, "add at least one number")
        .max(MAX_BATCH_LINES, `at most ${MAX_BATCH_LINES} numbers at once`),
    })
    .strict();

  return { destination, cli, conference, tts, custom, callout, batch, batchLine };
}

export type CalloutSchemas = ReturnType<typeof calloutSchemas>;
/** What a form or API client sends (before parsing). */
export type CalloutInput = z.input<CalloutSchemas["callout"]>;
/** After parsing: numbers in E.164, blanks removed, SVAML compacted. */
export type ParsedCallout = z.output<CalloutSchemas["callout"]>;
export type ParsedConferenceCallout = z.output<CalloutSchemas["conference"]>;
export type ParsedTtsCallout = z.output<CalloutSchemas["tts"]>;
export type ParsedCustomCallout = z.output<CalloutSchemas["custom"]>;
export type BatchInput = z.input<CalloutSchemas["batch"]>;
export type ParsedBatch = z.output<CalloutSchemas["batch"]>;

/** Field errors keyed by their path ("destination.endpoint"), the first message per field. */
export function fieldErrors(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

/** A Retry may carry its own idempotency key. */
/** confirmUnknown: the person was told the phone may ring twice (a callout whose placement is unknown). */
export const retryBodySchema = z
  .object({ idempotencyKey: idempotencyKeySchema.optional(), confirmUnknown: z.boolean().optional() })
  .strict()
  .optional();

/** The starting ice of the custom callout form: the callee joins a conference. */
export function connectConfTemplate(conferenceId = "my-conference"): string {
  return JSON.stringify({ action: { name: "connectConf", conferenceId } }, null, 2);
}
