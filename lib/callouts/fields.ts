/**
 * The rules of each callout field, one schema per field, shared by the browser (the
 * forms check as you type) and the server (the routes parse every body with the same
 * rules and the same sentences). Client-safe: no server imports.
 *
 * Every message is written to follow its field's path, as the API reports it:
 * "destination.endpoint: not a valid number for US (+1); …". Blank text is the same
 * as absent everywhere.
 */
import { z } from "zod";
import { conferenceIdSchema, dtmfSchema, MOH_CLASSES, TTS_MAX_CHARS } from "../sinch/schemas";
import { connectConfOfAction, jsonNesting, SVAML_MAX_CHARS, SVAML_MAX_DEPTH } from "../sinch/svaml";
import { DESTINATION_KINDS, LABEL_MAX } from "../vocabulary/callouts";
import { normalisePhoneNumber } from "./phone";

export const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

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

export const greetingSchema = optionalText(TTS_MAX_CHARS);

/**
 * A TTS callout's text or prompts: at most TTS_MAX_CHARS, saying how many there are.
 * Checked on the field itself so the count shows even while other fields are wrong.
 */
export const spokenSchema = (field: "text" | "prompts") =>
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
    .max(SVAML_MAX_CHARS, `must be at most ${SVAML_MAX_CHARS} characters`)
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
      const depth = jsonNesting(text);
      if (depth > SVAML_MAX_DEPTH) {
        ctx.addIssue({
          code: "custom",
          message: `nests ${depth} levels deep: SVAML goes at most ${SVAML_MAX_DEPTH} levels deep`,
        });
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
        if (connectConfOfAction(action).kind === "invalidConnectConf") {
          // Whether it connects is the shared extractor's call; why the id is unusable is
          // the conferenceId schema's own sentence.
          const { conferenceId } = action as { conferenceId?: unknown };
          const why = conferenceIdSchema.safeParse(conferenceId).error?.issues[0]?.message;
          ctx.addIssue({ code: "custom", message: `connectConf needs a conferenceId: ${why ?? "missing"}` });
          return z.NEVER;
        }
      }
      return JSON.stringify(doc);
    })
    .optional(),
);

// ------------------------------------------------------------------ fields that depend on the deployment

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
