/**
 * A page of the audit trail as a zod schema, for the server's contract (./contract.ts):
 * the OpenAPI document and the e2e run's checks read it; the page reads the same shape
 * as a type (AuditPage in ./schemas.ts), and `withSchemas` holds the two equal.
 */
import { z } from "zod";
import { AUDIT_DECIDERS, AUDIT_OUTCOMES } from "../vocabulary/audit";

const iso = () => z.string().describe("ISO 8601 time");
const outcome = z.enum(AUDIT_OUTCOMES);

const entry = z.object({
  id: z.string(),
  at: iso(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string().describe('e.g. "participant.mute"; an older Gavel\'s actions keep their names'),
  conferenceId: z.string().nullable(),
  targetCallId: z.string().nullable(),
  targetNumber: z.string().nullable(),
  targetName: z.string().nullable().optional(),
  params: z.record(z.string(), z.unknown()).nullable(),
  outcome,
  httpStatus: z.number().int().nullable(),
  sinchErrorCode: z.number().nullable(),
  sinchReference: z.string().nullable(),
  errorMessage: z.string().nullable(),
  latencyMs: z.number().nullable(),
  requestId: z.string(),
  clientAddress: z.string().nullable(),
  actorToken: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
  history: z.array(z.object({ at: iso(), from: outcome, to: outcome, by: z.enum(AUDIT_DECIDERS), note: z.string() })),
});

export const auditPageSchema = z.object({
  entries: z.array(entry),
  nextCursor: z.string().nullable(),
  prevCursor: z.string().nullable(),
});
