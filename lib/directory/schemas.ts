/**
 * What the directory API takes and answers. The request schemas check shape and
 * length only: numbers are read (libphonenumber, the deployment's default country)
 * by the server (lib/directory/server/inputs.ts). The browser imports none of this
 * (./endpoints.ts names the schemas by type only; ./types.ts has the answers).
 */
import { z } from "zod";
import { pageLimitSchema } from "../api/list-query";
import {
  CONTACT_NAME_MAX,
  CONTACT_NOTES_MAX,
  CONTACT_NUMBER_INPUT_MAX,
  CONTACT_NUMBERS_MAX,
  CONTACT_ORGANISATION_MAX,
  DIRECTORY_IMPORT_MAX_CHARS,
  DIRECTORY_MAX_LIMIT,
  DIRECTORY_PAGE_LIMIT,
  DIRECTORY_QUERY_MAX,
} from "../vocabulary/directory";
import { conferenceIdSchema } from "../vocabulary/conferences";

export type { ContactView, ImportLineView } from "./types";

const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);
const optionalText = (max: number, what: string) =>
  z
    .string({ error: "must be text" })
    .trim()
    .max(max, `${what} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

export const contactIdSchema = z.uuid("is not a contact id");
export const contactParamsSchema = z.object({ contactId: contactIdSchema });

/** A contact as a form sends it: numbers as typed. */
export const contactBodySchema = z
  .object({
    name: z
      .string({ error: "must be text" })
      .trim()
      .min(1, "enter a name")
      .max(CONTACT_NAME_MAX, `must be at most ${CONTACT_NAME_MAX} characters`),
    numbers: z
      .array(
        z
          .string({ error: "must be text" })
          .trim()
          .min(1, "enter a phone number")
          .max(CONTACT_NUMBER_INPUT_MAX, `must be at most ${CONTACT_NUMBER_INPUT_MAX} characters`),
        { error: "must be a list of phone numbers" },
      )
      .min(1, "add at least one phone number")
      .max(CONTACT_NUMBERS_MAX, `at most ${CONTACT_NUMBERS_MAX} numbers per contact`),
    organisation: optionalText(CONTACT_ORGANISATION_MAX, "organisation"),
    notes: optionalText(CONTACT_NOTES_MAX, "notes"),
  })
  .strict();
export type ContactBody = z.input<typeof contactBodySchema>;
export type ParsedContactBody = z.output<typeof contactBodySchema>;

export const directoryListQuerySchema = z
  .object({
    q: z.preprocess(emptyToUndefined, z.string().trim().max(DIRECTORY_QUERY_MAX).optional()),
    offset: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a number" })
        .int("must be a whole number")
        .min(0, "must be at least 0")
        .max(1_000_000, "is too large")
        .default(0),
    ),
    limit: pageLimitSchema(DIRECTORY_MAX_LIMIT, DIRECTORY_PAGE_LIMIT),
  })
  .strict();
export type DirectoryListQuery = z.output<typeof directoryListQuerySchema>;

/** An import: the CSV text, pasted or read from a file in the browser. */
export const importBodySchema = z
  .object({
    text: z
      .string({ error: "must be the CSV text" })
      .max(DIRECTORY_IMPORT_MAX_CHARS, `is larger than ${DIRECTORY_IMPORT_MAX_CHARS.toLocaleString("en")} characters`)
      .refine((t) => t.trim() !== "", "paste or upload at least one contact"),
  })
  .strict();

const numberAsTyped = z
  .string({ error: "must be text" })
  .trim()
  .min(1, "enter a phone number")
  .max(CONTACT_NUMBER_INPUT_MAX, `must be at most ${CONTACT_NUMBER_INPUT_MAX} characters`);

/** Who holds a number (a callout form's label, the row's "Name this number"). */
export const lookupQuerySchema = z.object({ number: numberAsTyped }).strict();

/**
 * "Name this number" from a conference row: the number gets this name, by renaming
 * the contact that holds it or, when nobody does, adding a contact with it.
 * `conferenceId`: the room it was named from, so its rows show the name at once.
 */
export const nameNumberBodySchema = z
  .object({
    number: numberAsTyped,
    name: z
      .string({ error: "must be text" })
      .trim()
      .min(1, "enter a name")
      .max(CONTACT_NAME_MAX, `must be at most ${CONTACT_NAME_MAX} characters`),
    conferenceId: conferenceIdSchema.optional(),
  })
  .strict();
export type NameNumberBody = z.input<typeof nameNumberBodySchema>;

export type { DirectoryListResponse, ImportPreview, ImportResult, NameNumberResult, NumberLookup } from "./types";
export { directoryKeys } from "./types";
