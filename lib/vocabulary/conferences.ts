/**
 * What a conference id and a call id may be: the rules Sinch's wire, Gavel's API
 * routes and Gavel's own list of conferences (lib/db) all check. The browser checks
 * the same rules without zod (./ids.ts).
 */
import { z } from "zod";
import { CALL_ID_MAX, CONFERENCE_ID_MAX, CONTROL_CHARACTER } from "./ids";

/**
 * An id as Sinch and Gavel's database take it: bounded, printable, valid Unicode
 * (a lone surrogate has no UTF-8 form), and never "." or ".." (fetch's URL parser
 * would collapse such a path segment onto another route).
 */
function idSchema(name: string, max: number) {
  return z
    .string()
    .min(1, `${name} must not be empty`)
    .max(max, `${name} must be at most ${max} characters`)
    .refine(
      (id) => !CONTROL_CHARACTER.test(id),
      `${name} must not contain control characters (such as NUL or a line break)`,
    )
    .refine((id) => id.isWellFormed(), `${name} must be valid Unicode text`)
    .refine((id) => id !== "." && id !== "..", `${name} cannot be "." or ".."`);
}

/** Conference ids are at most 64 characters; Sinch documents no character set. */
export const conferenceIdSchema = idSchema("conferenceId", CONFERENCE_ID_MAX);

export const callIdSchema = idSchema("callId", CALL_ID_MAX);
