/**
 * The invites API's answers as zod schemas, for the server's contract (./contract.ts)
 * only; the browser reads the same shapes as types (./types.ts), and `withSchemas`
 * holds the two equal.
 */
import { z } from "zod";
import { batchReplySchema } from "../callouts/replies";

const invitesReply = z.object({
  conferenceId: z.string(),
  invites: z.array(
    z.object({
      number: z.string().describe("E.164"),
      label: z.string().nullable(),
      name: z.string().nullable(),
      matchNumbers: z.array(z.string()),
      seen: z.boolean(),
      addedBy: z.string().nullable(),
      addedAt: z.string().describe("ISO 8601 time"),
    }),
  ),
});
export const invitesReplySchema = invitesReply;
export const addInvitesReplySchema = invitesReply.extend({
  added: z.array(z.string()),
  already: z.array(z.string()),
  errors: z.array(z.object({ line: z.number().int(), number: z.string(), message: z.string() })),
});
export const removeInviteReplySchema = invitesReply.extend({ removed: z.boolean() });
export const dialMissingReplySchema = z.object({
  batch: batchReplySchema.nullable(),
  skipped: z.array(z.object({ number: z.string(), reason: z.enum(["present", "left", "not_invited"]) })),
});
