/**
 * The conferences API's answers as zod schemas, for the server's contract (./contract.ts)
 * only: the OpenAPI document describes the answers with them and the e2e run checks
 * real answers against them. The browser reads the same shapes as plain types
 * (./types.ts); `withSchemas` refuses a schema whose output is not exactly that type.
 */
import { z } from "zod";
import { MOH_CLASSES } from "../sinch/constants";
import { BULK_ACTIONS } from "./types";

const iso = () => z.string().describe("ISO 8601 time");

export const conferenceSummarySchema = z.object({
  conferenceId: z.string(),
  displayName: z.string().nullable(),
  pinned: z.boolean(),
  source: z.string(),
  firstSeenAt: iso(),
  lastSeenAt: iso(),
  lastConnectedAt: iso().nullable(),
  participantCount: z.number().int(),
  mutedCount: z.number().int(),
  onholdCount: z.number().int(),
  lastPolledAt: iso().nullable().optional(),
});

export const conferenceListReplySchema = z.object({
  conferences: z.array(conferenceSummarySchema),
  total: z.number().int(),
});
export const oneConferenceSchema = z.object({ conference: conferenceSummarySchema });
export const forgottenConferenceSchema = z.object({ forgotten: conferenceSummarySchema });

/** The 202 of a command Sinch did not answer readably: it may have happened; Gavel checks. */
export const outcomeUnknownSchema = z.object({
  outcome: z.literal("unknown"),
  requestId: z.string(),
  message: z.string(),
});
export const okSchema = z.object({ ok: z.literal(true) });
export const okOrUnknownSchema = z.union([okSchema, outcomeUnknownSchema]);

const person = z.object({ callId: z.string(), cli: z.string() });
export const kickAllReplySchema = z.union([
  z.object({
    removed: z.array(person),
    stragglers: z.array(person.extend({ ok: z.boolean() })),
    remaining: z.array(person),
  }),
  outcomeUnknownSchema,
]);

const reconcileAction = z.enum(["mute", "unmute", "hold", "resume", "kick", "kick_all"]);
export const liveViewSchema = z.object({
  conferenceId: z.string(),
  participants: z.array(
    z.object({
      callId: z.string(),
      cli: z.string(),
      duration: z.number(),
      muted: z.boolean(),
      onhold: z.boolean(),
      label: z.string().nullable(),
      name: z.string().nullable().optional(),
      holdMusic: z.enum(MOH_CLASSES).nullable().optional(),
    }),
  ),
  fetchedAt: iso(),
  unconfirmed: z.array(
    z.object({ requestId: z.string(), action: reconcileAction, callId: z.string().nullable(), since: iso() }),
  ),
  resolved: z.array(
    z.object({
      requestId: z.string(),
      action: reconcileAction,
      callId: z.string().nullable(),
      outcome: z.enum(["succeeded", "failed"]),
      decidedAt: iso(),
      note: z.string(),
    }),
  ),
});

export const bulkReplySchema = z.object({
  action: z.enum(BULK_ACTIONS),
  results: z.array(
    z.object({
      callId: z.string(),
      cli: z.string().nullable(),
      ok: z.boolean(),
      outcome: z.enum(["succeeded", "failed", "unknown"]),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
  succeeded: z.number().int(),
  failed: z.number().int(),
  unknown: z.number().int(),
});
