/** Audit page filters and rows, shared by the browser and the server. Client-safe. */
import { z } from "zod";
import { AUDIT_ACTIONS } from "./types";

const isoOrEmpty = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const t = Date.parse(v);
    if (Number.isNaN(t)) {
      ctx.addIssue({ code: "custom", message: "must be a date and time, e.g. 2026-11-27T16:00" });
      return z.NEVER;
    }
    return t;
  });

const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);

export const auditFiltersSchema = z
  .object({
    from: isoOrEmpty,
    to: isoOrEmpty,
    actor: z.preprocess(emptyToUndefined, z.string().trim().max(254).optional()),
    conferenceId: z.preprocess(emptyToUndefined, z.string().max(64).optional()),
    action: z.preprocess(emptyToUndefined, z.enum(AUDIT_ACTIONS).optional()),
    outcome: z.preprocess(emptyToUndefined, z.enum(["succeeded", "failed"]).optional()),
    cursor: z.preprocess(emptyToUndefined, z.string().max(200).optional()),
    limit: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).default(50)),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    message: "from must be before to",
    path: ["from"],
  });
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export interface AuditEntryView {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  conferenceId: string | null;
  targetCallId: string | null;
  targetNumber: string | null;
  params: Record<string, unknown> | null;
  outcome: "succeeded" | "failed";
  httpStatus: number | null;
  sinchErrorCode: number | null;
  sinchReference: string | null;
  errorMessage: string | null;
  latencyMs: number | null;
  requestId: string;
  clientAddress: string | null;
}

export interface AuditPage {
  entries: AuditEntryView[];
  nextCursor: string | null;
}

export const auditKeys = {
  all: ["audit"] as const,
  list: (filters: Record<string, unknown>) => [...auditKeys.all, "list", filters] as const,
};
