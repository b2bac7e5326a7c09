/**
 * The callouts API's inputs and outputs, shared by the browser (the forms validate
 * with them as you type) and the server (the routes parse every body with them, so
 * a request that skips the forms meets the same rules and the same sentences).
 * Client-safe: no server imports.
 *
 * The schemas depend on two facts of the deployment, the default country for phone
 * numbers and the configured caller IDs, so they come from a factory:
 * `calloutSchemas({ defaultCountry, callerIds })`. The server builds them from
 * config(); the page hands the same two values to the browser.
 *
 * Every message is written to follow its field's path, as the API reports it:
 * "destination.endpoint: not a valid number for US (+1); …".
 */
import { z } from "zod";
import {
  conferenceIdSchema,
  dtmfSchema,
  MOH_CLASSES,
  TTS_MAX_CHARS,
  type CallReason,
  type CallResult,
  type CalloutRequest,
} from "../sinch/schemas";
import { normalisePhoneNumber } from "./phone";

export { TTS_MAX_CHARS };

// ------------------------------------------------------------------ vocabulary

export const CALLOUT_TYPES = ["conference", "tts", "custom"] as const;
export type CalloutType = (typeof CALLOUT_TYPES)[number];

/**
 * Where a callout is. `placing`: stored, Sinch not yet answered the POST. Then what
 * call info says: dialing (ONGOING, N/A), answered (ONGOING, ANSWERED), joined (a
 * conference callout whose callId is in the room's participant list), and the final
 * ones: busy, no_answer, failed (Sinch's FAILED, or Sinch refused the callout), ended
 * (answered, then hung up; Sinch's reason says who).
 */
export const CALLOUT_STATES = [
  "placing",
  "dialing",
  "answered",
  "joined",
  "busy",
  "no_answer",
  "failed",
  "ended",
] as const;
export type CalloutState = (typeof CALLOUT_STATES)[number];

export const FINAL_STATES: readonly CalloutState[] = ["busy", "no_answer", "failed", "ended"];
export const ACTIVE_STATES: readonly CalloutState[] = ["placing", "dialing", "answered", "joined"];

export function isFinal(state: CalloutState): boolean {
  return FINAL_STATES.includes(state);
}

export function isCalloutState(v: unknown): v is CalloutState {
  return typeof v === "string" && (CALLOUT_STATES as readonly string[]).includes(v);
}

export function isCalloutType(v: unknown): v is CalloutType {
  return typeof v === "string" && (CALLOUT_TYPES as readonly string[]).includes(v);
}

export const STATE_LABELS: Record<CalloutState, string> = {
  placing: "Placing",
  dialing: "Dialing",
  answered: "Answered",
  joined: "Joined",
  busy: "Busy",
  no_answer: "No answer",
  failed: "Failed",
  ended: "Ended",
};

export const TYPE_LABELS: Record<CalloutType, string> = {
  conference: "Conference",
  tts: "Text-to-speech",
  custom: "Custom",
};

export const DESTINATION_KINDS = ["number", "username", "sip"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];
/** The destination-type choices in the forms (short: the field below says "Phone number" in full). */
export const DESTINATION_LABELS: Record<DestinationKind, string> = {
  number: "Phone",
  username: "App user",
  sip: "SIP",
};

/** A callout placed again with the same idempotency key within this window returns the first one. */
export const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000;
/** The most numbers "Dial a list" takes at once. */
export const MAX_BATCH_LINES = 500;
export const LABEL_MAX = 100;
export const CALLOUTS_PAGE_LIMIT = 200;
/** The most one list read returns (a whole dial-a-list batch with its retries). */
export const CALLOUTS_MAX_LIMIT = 1000;
/** How long a finished callout into a conference still shows as a ghost row there. */
export const GHOST_ROW_WINDOW_MS = 10 * 60 * 1000;

// ------------------------------------------------------------------ field schemas (no options)

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** An optional text field: blank is the same as absent; trimmed. */
const optionalText = (max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.string({ error: "must be text" }).trim().max(max, `must be at most ${max} characters`).optional(),
  );

export const labelSchema = optionalText(LABEL_MAX);

export const pinDigitsSchema = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.replace(/\s+/g, "")) : v),
  dtmfSchema.max(100, "must be at most 100 digits and pauses").optional(),
);

export const localeSchema = z.preprocess(
  emptyToUndefined,
  z
    .string({ error: "must be text" })
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a locale such as en-US or sv-SE")
    .optional(),
);

export const mohChoiceSchema = z.preprocess(
  emptyToUndefined,
  z.enum(MOH_CLASSES, { error: `must be one of ${MOH_CLASSES.join(", ")} (or absent for silence)` }).optional(),
);

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `must be a whole number of ${what}` })
    .int(`must be a whole number of ${what}`)
    .min(min, `must be at least ${min} ${what}`)
    .max(max, `must be at most ${max} ${what}`);

export const maxDurationSchema = z.preprocess(emptyToUndefined, wholeNumber("seconds", 1, 86_400).optional());

export const conferenceDtmfOptionsInputSchema = z
  .object({
    mode: z.enum(["ignore", "forward", "detect"], { error: 'must be "ignore", "forward" or "detect"' }),
    maxDigits: z.preprocess(emptyToUndefined, wholeNumber("digits", 1, 30).optional()),
    timeoutMills: z.preprocess(emptyToUndefined, wholeNumber("milliseconds", 0, 60_000).optional()),
  })
  .strict();

export const idempotencyKeySchema = z
  .string({ error: "must be text" })
  .min(8, "must be at least 8 characters")
  .max(200, "must be at most 200 characters")
  .regex(/^[A-Za-z0-9._:-]+$/, "may contain only letters, digits and . _ : -");

const greetingSchema = optionalText(TTS_MAX_CHARS);

/**
 * A TTS callout's text or prompts: at most TTS_MAX_CHARS, saying how many there are.
 * Checked on the field itself so the count shows even while other fields are wrong.
 */
const spokenSchema = (field: "text" | "prompts") =>
  z.preprocess(
    emptyToUndefined,
    z
      .string({ error: "must be text" })
      .trim()
      .superRefine((v, ctx) => {
        if (v.length > TTS_MAX_CHARS) {
          ctx.addIssue({ code: "custom", message: `must be at most ${TTS_MAX_CHARS} characters (it has ${v.length})` });
        }
        if (field === "prompts" && !/^#(tts|ssml|href)\[/i.test(v)) {
          ctx.addIssue({
            code: "custom",
            message: "must be prompts such as #tts[Hello];#href[https://…/tone.mp3], joined with ;",
          });
        }
      })
      .optional(),
  );

/**
 * ice, ace, pie or dice of a custom callout: an http(s) URL (sent as is), or an SVAML
 * document, checked as JSON and sent compact. An ice/ace that connects to a conference
 * must name a valid conferenceId (Sinch would fail the call only once it is answered).
 */
export const svamlOrUrlSchema = z.preprocess(
  emptyToUndefined,
  z
    .string({ error: "must be text" })
    .trim()
    .max(20_000, "must be at most 20000 characters")
    .transform((text, ctx) => {
      if (/^https?:\/\//i.test(text)) {
        try {
          new URL(text);
          return text;
        } catch {
          ctx.addIssue({ code: "custom", message: "is not a valid URL" });
          return z.NEVER;
        }
      }
      if (!/^[{[]/.test(text)) {
        ctx.addIssue({ code: "custom", message: "must be an http(s) URL or an SVAML document in JSON" });
        return z.NEVER;
      }
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: `is not valid JSON: ${e instanceof Error ? e.message : String(e)}` });
        return z.NEVER;
      }
      if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
        ctx.addIssue({ code: "custom", message: 'must be an SVAML object: {"instructions": [...], "action": {...}}' });
        return z.NEVER;
      }
      const { action, instructions } = doc as { action?: unknown; instructions?: unknown };
      if (action === undefined && instructions === undefined) {
        ctx.addIssue({
          code: "custom",
          message: 'must be an SVAML document with an "action" (and optional "instructions")',
        });
        return z.NEVER;
      }
      if (instructions !== undefined && !Array.isArray(instructions)) {
        ctx.addIssue({ code: "custom", message: '"instructions" must be a list' });
        return z.NEVER;
      }
      if (action !== undefined) {
        if (typeof action !== "object" || action === null || typeof (action as { name?: unknown }).name !== "string") {
          ctx.addIssue({
            code: "custom",
            message: '"action" must be an object with a "name", e.g. {"name": "connectConf", …}',
          });
          return z.NEVER;
        }
        const { name, conferenceId } = action as { name: string; conferenceId?: unknown };
        if (name.toLowerCase() === "connectconf") {
          const id = conferenceIdSchema.safeParse(conferenceId);
          if (!id.success) {
            ctx.addIssue({
              code: "custom",
              message: `connectConf needs a conferenceId: ${id.error.issues[0]?.message ?? "missing"}`,
            });
            return z.NEVER;
          }
        }
      }
      return JSON.stringify(doc);
    })
    .optional(),
);

/** The conference an ice/ace SVAML document connects to, if it does (for ghost rows and labels). */
export function svamlConferenceId(svaml: string | undefined): string | undefined {
  if (!svaml || !svaml.startsWith("{")) return undefined;
  try {
    const action = (JSON.parse(svaml) as { action?: { name?: unknown; conferenceId?: unknown } }).action;
    if (typeof action?.name === "string" && action.name.toLowerCase() === "connectconf") {
      const id = conferenceIdSchema.safeParse(action.conferenceId);
      return id.success ? id.data : undefined;
    }
  } catch {
    // Not JSON: a URL.
  }
  return undefined;
}

/** The starting ice of the custom callout form: the callee joins a conference. */
export function connectConfTemplate(conferenceId = "my-conference"): string {
  return JSON.stringify({ action: { name: "connectConf", conferenceId } }, null, 2);
}

// ------------------------------------------------------------------ option-dependent schemas

export interface CalloutSchemaOptions {
  /** ISO 3166 alpha-2 code numbers without a + are read against; none: a + is required. */
  defaultCountry?: string | null;
  /** The caller IDs this deployment may present (config().callerIds); empty: Sinch's default only. */
  callerIds: readonly string[];
}

export function destinationSchemaFor(defaultCountry: string | null | undefined) {
  return z
    .object(
      {
        type: z.enum(DESTINATION_KINDS, { error: 'must be "number", "username" or "sip"' }),
        endpoint: z.string({ error: "enter who to call" }).max(255, "must be at most 255 characters"),
      },
      { error: 'must be {"type": "number" | "username" | "sip", "endpoint": "…"}' },
    )
    .transform((d, ctx) => {
      const endpoint = d.endpoint.trim();
      switch (d.type) {
        case "number": {
          const r = normalisePhoneNumber(endpoint, defaultCountry);
          if (!r.ok) {
            ctx.addIssue({ code: "custom", path: ["endpoint"], message: r.message });
            return z.NEVER;
          }
          return { type: "number" as const, endpoint: r.e164 };
        }
        case "username":
          if (endpoint === "")
            ctx.addIssue({ code: "custom", path: ["endpoint"], message: "enter the app user's username" });
          else if (/\s/.test(endpoint)) {
            ctx.addIssue({ code: "custom", path: ["endpoint"], message: "a username cannot contain spaces" });
          }
          return { type: "username" as const, endpoint };
        case "sip":
          if (!/^(sips?:)?[^\s@:]+@[^\s@]+$/i.test(endpoint)) {
            ctx.addIssue({
              code: "custom",
              path: ["endpoint"],
              message: "must be a SIP address such as sip:alice@sip.example.com",
            });
          }
          return { type: "sip" as const, endpoint };
      }
    });
}

export function callerIdSchemaFor(callerIds: readonly string[]) {
  return z.preprocess(
    emptyToUndefined,
    z
      .string({ error: "must be text" })
      .trim()
      .optional()
      .superRefine((cli, ctx) => {
        if (cli === undefined || callerIds.includes(cli)) return;
        ctx.addIssue({
          code: "custom",
          message:
            callerIds.length === 0
              ? "no caller IDs are configured (GAVEL_CALLER_IDS): leave it out to use Sinch's default"
              : `must be one of the configured caller IDs: ${callerIds.join(", ")}`,
        });
      }),
  );
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

// ------------------------------------------------------------------ queries and answers

export const retryBodySchema = z.object({ idempotencyKey: idempotencyKeySchema.optional() }).strict().optional();

export const calloutParamsSchema = z.object({
  calloutId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9-]+$/, "is not a callout id"),
});

export const calloutListQuerySchema = z
  .object({
    state: z.preprocess(
      emptyToUndefined,
      z
        .enum([...CALLOUT_STATES, "active", "finished"], {
          error: `must be one of ${[...CALLOUT_STATES, "active", "finished"].join(", ")}`,
        })
        .optional(),
    ),
    conferenceId: z.preprocess(emptyToUndefined, conferenceIdSchema.optional()),
    batchId: z.preprocess(emptyToUndefined, idempotencyKeySchema.optional()),
    limit: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a number" })
        .int("must be a whole number")
        .min(1, "must be at least 1")
        .max(CALLOUTS_MAX_LIMIT, `must be at most ${CALLOUTS_MAX_LIMIT}`)
        .default(CALLOUTS_PAGE_LIMIT),
    ),
  })
  .strict();
export type CalloutListQuery = z.output<typeof calloutListQuerySchema>;
export type CalloutListFilters = {
  state?: CalloutState | "active" | "finished";
  conferenceId?: string;
  batchId?: string;
  limit?: number;
};

/** One callout as the API shows it. Times are ISO strings. */
export interface CalloutView {
  id: string;
  type: CalloutType;
  state: CalloutState;
  final: boolean;
  callId: string | null;
  destination: { type: string; endpoint: string };
  cli: string | null;
  conferenceId: string | null;
  label: string | null;
  /** Sinch's call info result and reason (N/A while ringing), when Gavel has read them. */
  result: CallResult | null;
  reason: CallReason | null;
  /** Seconds connected, from call info. */
  durationSeconds: number | null;
  /** Why Gavel could not place or follow the call (Sinch refused, timed out...). */
  error: string | null;
  actorEmail: string | null;
  batchId: string | null;
  /** The callout this one placed again (Retry). */
  retryOf: string | null;
  /** The wire request sent to Sinch. */
  request: CalloutRequest;
  createdAt: string;
  updatedAt: string;
  joinedAt: string | null;
  endedAt: string | null;
}

export interface PlaceCalloutResponse {
  callout: CalloutView;
  /** True when the idempotency key had been seen: this is the first callout, not a new one. */
  replayed: boolean;
}

export interface CalloutListResponse {
  callouts: CalloutView[];
}

export interface BatchLineResult {
  /** The line's position in the request's `lines`. */
  index: number;
  /** As sent. */
  number: string;
  label: string | null;
  ok: boolean;
  callout: CalloutView | null;
  replayed: boolean;
  error: { code: string; message: string } | null;
}

export interface BatchResponse {
  batchId: string;
  conferenceId: string;
  results: BatchLineResult[];
  placed: number;
  failed: number;
}

export interface CalloutSettings {
  callerIds: string[];
  defaultCountry: string;
}

/** Query keys for the callouts feature. */
export const calloutKeys = {
  all: ["callouts"] as const,
  list: (filters: CalloutListFilters) => [...calloutKeys.all, "list", filters] as const,
  conference: (conferenceId: string) => [...calloutKeys.all, "conference", conferenceId] as const,
  settings: () => [...calloutKeys.all, "settings"] as const,
};
