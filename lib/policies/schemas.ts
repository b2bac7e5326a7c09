/**
 * What the room policies API takes. Speaker numbers are read by the server
 * (libphonenumber, the deployment's default country); the browser imports none of
 * this (./endpoints.ts names the schemas by type only; ./types.ts has the answers).
 */
import { z } from "zod";
import { callIdSchema, conferenceIdSchema, mohClassSchema } from "../sinch/schemas";

export const SPEAKERS_MAX = 200;

export const policyParamsSchema = z.object({ conferenceId: conferenceIdSchema });
export const waitingParamsSchema = z.object({ conferenceId: conferenceIdSchema, callId: callIdSchema });

export const updatePoliciesBodySchema = z
  .object({
    muteOnEntry: z.boolean().optional(),
    lobby: z.object({ on: z.boolean(), moh: mohClassSchema }).strict().optional(),
  })
  .strict()
  .refine((b) => b.muteOnEntry !== undefined || b.lobby !== undefined, { message: "change at least one policy" });
export type UpdatePoliciesBody = z.input<typeof updatePoliciesBodySchema>;

const speakerSchema = z.union([
  z.object({ contactId: z.uuid("is not a contact id") }).strict(),
  z
    .object({ number: z.string().trim().min(1, "enter a phone number").max(40, "must be at most 40 characters") })
    .strict(),
]);

export const speakersBodySchema = z
  .object({ speakers: z.array(speakerSchema).max(SPEAKERS_MAX, `at most ${SPEAKERS_MAX} speakers`) })
  .strict();
export type SpeakersBody = z.input<typeof speakersBodySchema>;
