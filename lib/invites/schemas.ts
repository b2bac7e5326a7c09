/**
 * What the invites API takes. Shape and length only: numbers are read (libphonenumber,
 * the deployment's default country) by the server, line by line (./server/service.ts).
 * The browser imports none of this (./endpoints.ts names the schemas by type only).
 */
import { z } from "zod";
import { idempotencyKeySchema } from "../callouts/fields";
import { conferenceIdSchema } from "../vocabulary/conferences";
import { CONTACT_NUMBER_INPUT_MAX } from "../vocabulary/directory";
import { INVITES_MAX, INVITES_PASTE_MAX_CHARS } from "../vocabulary/invites";

export type * from "./types";

const numberInput = z
  .string({ error: "must be text" })
  .max(CONTACT_NUMBER_INPUT_MAX, `must be at most ${CONTACT_NUMBER_INPUT_MAX} characters`);

/** Pasted text (one number a line, or number and label as CSV), or numbers picked from the directory. */
export const addInvitesBodySchema = z
  .object({
    text: z
      .string({ error: "must be text" })
      .max(INVITES_PASTE_MAX_CHARS, `must be at most ${INVITES_PASTE_MAX_CHARS} characters`)
      .optional(),
    numbers: z.array(numberInput).max(INVITES_MAX, `at most ${INVITES_MAX} numbers at once`).optional(),
  })
  .strict()
  .refine((b) => (b.text === undefined) !== (b.numbers === undefined), {
    message: "send either text (pasted numbers) or numbers (from the directory)",
  });

export const removeInviteQuerySchema = z.object({ number: numberInput }).strict();

/** The numbers the person confirmed (the panel's count), and whether the ones who left are called too. */
export const dialMissingBodySchema = z
  .object({
    numbers: z.array(numberInput).min(1, "confirm at least one number").max(INVITES_MAX),
    includeLeft: z.boolean().optional(),
    batchId: idempotencyKeySchema.optional(),
  })
  .strict();

export const invitesParamsSchema = z.object({ conferenceId: conferenceIdSchema });
