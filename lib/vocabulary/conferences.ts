/**
 * What a conference id and a call id may be: the rules Sinch's wire, Gavel's API
 * routes and Gavel's own list of conferences (lib/db) all check.
 */
import { z } from "zod";

/** Conference ids are at most 64 characters; Sinch documents no character set. */
export const conferenceIdSchema = z
  .string()
  .min(1, "conferenceId must not be empty")
  .max(64, "conferenceId must be at most 64 characters")
  // fetch's URL parser would collapse these path segments onto another route.
  .refine((id) => id !== "." && id !== "..", 'conferenceId cannot be "." or ".."');

export const callIdSchema = z
  .string()
  .min(1, "callId must not be empty")
  .max(128, "callId must be at most 128 characters")
  .refine((id) => id !== "." && id !== "..", 'callId cannot be "." or ".."');
