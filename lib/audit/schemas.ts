/** Audit page filters and rows, shared by the browser and the server. Client-safe. */
import { z } from "zod";
import type { AuditDecider, AuditEntryFields, AuditOutcome } from "../vocabulary/audit";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from "./types";

const isoOrEmpty = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const t = Date.parse(v);
    if (Number.isNaN(t)) {
      ctx.addIssue({ code: "custom", message: "must be a date and time, e.g. 2026-11-27T16:00:00Z" });
      return z.NEVER;
    }
    return t;
  });

const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);

/**
 * The audit page's filters, as they appear in its URL and in GET /api/audit and
 * /api/audit/export. `from` and `to` are inclusive; give them with a zone (the page
 * sends UTC ISO strings), since a bare "2026-11-27T16:00" would be read in the
 * server's zone. `actor` is an exact (case-insensitive) email. `cursor` comes from
 * a previous page's nextCursor or prevCursor; the export ignores it and `limit`.
 */
export const auditFiltersSchema = z
  .object({
    from: isoOrEmpty,
    to: isoOrEmpty,
    actor: z.preprocess(emptyToUndefined, z.string().trim().max(254).optional()),
    conferenceId: z.preprocess(emptyToUndefined, z.string().max(64).optional()),
    action: z.preprocess(emptyToUndefined, z.enum(AUDIT_ACTIONS).optional()),
    outcome: z.preprocess(emptyToUndefined, z.enum(AUDIT_OUTCOMES).optional()),
    requestId: z.preprocess(emptyToUndefined, z.string().trim().max(64).optional()),
    cursor: z.preprocess(emptyToUndefined, z.string().max(300).optional()),
    limit: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).default(50)),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    message: "from must be before to",
    path: ["from"],
  });
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** The filters that select rows (no paging): the page's filters without cursor and limit. */
export type { AuditSelection } from "../vocabulary/audit";

/** The URL query of a set of filters (dates as UTC ISO strings), without empty values. */
export function auditQueryString(f: Partial<AuditFilters>): string {
  const q = new URLSearchParams();
  if (f.from !== undefined) q.set("from", new Date(f.from).toISOString());
  if (f.to !== undefined) q.set("to", new Date(f.to).toISOString());
  if (f.actor) q.set("actor", f.actor);
  if (f.conferenceId) q.set("conferenceId", f.conferenceId);
  if (f.action) q.set("action", f.action);
  if (f.outcome) q.set("outcome", f.outcome);
  if (f.requestId) q.set("requestId", f.requestId);
  if (f.cursor) q.set("cursor", f.cursor);
  if (f.limit !== undefined && f.limit !== 50) q.set("limit", String(f.limit));
  return q.toString();
}

/** One change of an entry's outcome, as the page shows it. */
export interface AuditHistoryView {
  /** ISO 8601. */
  at: string;
  from: AuditOutcome;
  to: AuditOutcome;
  by: AuditDecider;
  note: string;
}

/** An entry as the audit page and the timeline show it. */
export interface AuditEntryView extends AuditEntryFields {
  id: string;
  /** ISO 8601. */
  at: string;
  /** Each change of outcome after the entry was completed, oldest first; the first belief is the first `from`. */
  history: AuditHistoryView[];
  /**
   * Who the directory says `targetNumber` is now, joined when the page is read: the
   * entry itself is evidence and is never rewritten. Absent when no contact holds it.
   */
  targetName?: string | null;
}

/** One page, newest first. */
export interface AuditPage {
  entries: AuditEntryView[];
  /** Pass as `cursor` for the next older page; null when there is none. */
  nextCursor: string | null;
  /** Pass as `cursor` for the next newer page; null on the newest page. */
  prevCursor: string | null;
}

export const auditKeys = {
  all: ["audit"] as const,
  list: (filters: Record<string, unknown>) => [...auditKeys.all, "list", filters] as const,
};
