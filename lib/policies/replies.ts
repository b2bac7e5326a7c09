/**
 * The room policies API's answers as zod schemas, for the server's contract
 * (./contract.ts) only; the browser reads the same shapes as types (./types.ts), and
 * `withSchemas` holds the two equal.
 */
import { z } from "zod";
import { MOH_CLASSES } from "../sinch/constants";

const setting = z.object({
  on: z.boolean(),
  setBy: z.string().nullable(),
  setAt: z.string().describe("ISO 8601 time").nullable(),
});

export const roomPoliciesSchema = z.object({
  conferenceId: z.string(),
  muteOnEntry: setting,
  lobby: setting.extend({ moh: z.enum(MOH_CLASSES) }),
  speakers: z.array(
    z.object({ contactId: z.string().nullable(), name: z.string().nullable(), numbers: z.array(z.string()) }),
  ),
  waiting: z.array(z.object({ callId: z.string(), cli: z.string(), since: z.string().describe("ISO 8601 time") })),
  watching: z.boolean(),
});
