/**
 * The zod schemas the server parses the conference API's inputs with. The types and
 * constants the browser needs live in ./types.ts (re-exported here for the server),
 * so that the browser's bundle carries no zod.
 */
import { z } from "zod";
import { callIdSchema, conferenceIdSchema, mohClassSchema, participantCommandSchema } from "../sinch/schemas";
import { BULK_ACTIONS, CONFERENCE_FILTERS, CONFERENCE_SEARCH_MAX, DISPLAY_NAME_MAX } from "./types";

export * from "./types";

export { conferenceIdSchema, mohClassSchema };

export const conferenceParamsSchema = z.object({ conferenceId: conferenceIdSchema });
export const participantParamsSchema = z.object({ conferenceId: conferenceIdSchema, callId: callIdSchema });

export const manageParticipantBodySchema = z
  .object({ command: participantCommandSchema, moh: mohClassSchema.optional() })
  .refine((b) => b.moh === undefined || b.command === "onhold", {
    message: "moh only applies to the onhold command",
    path: ["moh"],
  });
export type ManageParticipantBody = z.infer<typeof manageParticipantBodySchema>;

export const kickBodySchema = z
  .object({ reason: z.string().trim().max(500, "reason must be at most 500 characters").optional() })
  .optional();

export const bulkActionSchema = z.enum(BULK_ACTIONS);

/**
 * Either explicit callIds, or everyone in the room (optionally except some):
 * "all" is resolved on the server against the live list, so nobody who joined a
 * moment ago is missed.
 */
export const bulkBodySchema = z
  .object({
    action: bulkActionSchema,
    moh: mohClassSchema.optional(),
    callIds: z.array(callIdSchema).max(5000).optional(),
    all: z.boolean().optional(),
    except: z.array(callIdSchema).max(5000).optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((b) => (b.all === true) !== (b.callIds !== undefined), {
    message: 'give either "callIds" or "all": true',
    path: ["callIds"],
  })
  .refine((b) => b.moh === undefined || b.action === "hold", { message: "moh only applies to hold", path: ["moh"] });
export type BulkBody = z.infer<typeof bulkBodySchema>;

export const updateConferenceBodySchema = z
  .object({
    displayName: z
      .string()
      .trim()
      .max(DISPLAY_NAME_MAX, `displayName must be at most ${DISPLAY_NAME_MAX} characters`)
      .nullable()
      .optional(),
    pinned: z.boolean().optional(),
  })
  .refine((b) => b.displayName !== undefined || b.pinned !== undefined, { message: "nothing to change" });

/** The home's search: `q` (id, name, or who was connected at Gavel's last look) and `show`. */
export const listConferencesQuerySchema = z.object({
  q: z.string().trim().max(CONFERENCE_SEARCH_MAX, `q must be at most ${CONFERENCE_SEARCH_MAX} characters`).optional(),
  show: z.enum(CONFERENCE_FILTERS, { message: `show must be one of ${CONFERENCE_FILTERS.join(", ")}` }).optional(),
});

export const openConferenceBodySchema = z.object({ conferenceId: conferenceIdSchema });
