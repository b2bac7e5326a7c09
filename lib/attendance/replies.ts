/**
 * The timeline's and "Left recently"'s answers as zod schemas, for the server's contract
 * (./contract.ts) only; the browser reads the same shapes as types (./schemas.ts), and
 * `withSchemas` holds the two equal.
 */
import { z } from "zod";
import { LEAVE_SOURCES } from "../vocabulary/attendance";
import { AUDIT_OUTCOMES } from "../vocabulary/audit";

const iso = () => z.string().describe("ISO 8601 time");
const leaveSource = z.enum(LEAVE_SOURCES).nullable();

export const timelineReplySchema = z.object({
  conferenceId: z.string(),
  events: z.array(
    z.object({
      id: z.string(),
      at: iso(),
      kind: z.enum(["join", "leave", "action"]),
      number: z.string().nullable(),
      callId: z.string().nullable(),
      label: z.string().nullable(),
      name: z.string().nullable(),
      actor: z.string().nullable(),
      action: z.string().nullable(),
      outcome: z.enum(AUDIT_OUTCOMES).nullable(),
      reason: z.string().nullable(),
      errorMessage: z.string().nullable(),
      params: z.record(z.string(), z.unknown()).nullable(),
      requestId: z.string().nullable(),
      leftAfter: iso().nullable(),
      leaveSource,
    }),
  ),
  lastPolledAt: iso().nullable(),
});

export const recentLeavesReplySchema = z.object({
  conferenceId: z.string(),
  leaves: z.array(
    z.object({
      id: z.string(),
      callId: z.string(),
      number: z.string(),
      label: z.string().nullable(),
      joinedAt: iso(),
      leftAt: iso(),
      leftAfter: iso().nullable(),
      leaveSource,
      kickedBy: z.string().nullable(),
      kickReason: z.string().nullable(),
      calloutResult: z.string().nullable(),
      calloutReason: z.string().nullable(),
    }),
  ),
  windowMs: z.number().int(),
});
