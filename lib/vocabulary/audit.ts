/**
 * The audit trail's vocabulary: which actions and outcomes an entry can record, what
 * an entry holds, and which of its fields select entries. Shared by the audit feature
 * (lib/audit), its storage (lib/db/audit.ts) and the browser. Client-safe.
 */
export const AUDIT_ACTIONS = [
  "participant.mute",
  "participant.unmute",
  "participant.hold",
  "participant.resume",
  "participant.kick",
  "bulk.mute",
  "bulk.unmute",
  "bulk.hold",
  "bulk.resume",
  "bulk.kick",
  "conference.kick_all",
  "conference.rename",
  "conference.pin",
  "conference.unpin",
  "conference.forget",
  "callout.conference",
  "callout.tts",
  "callout.custom",
  "user.create",
  "user.set_role",
  "user.disable",
  "user.enable",
  "user.rename",
  "user.reset_password",
  // The sandbox's demo accounts taken out of a database by the users CLI (remove-demo).
  "user.remove_demo",
  "user.sign_out_everywhere",
  // API tokens (issue 14): made and revoked, by their user or an admin.
  "token.create",
  "token.revoke",
  "directory.create",
  "directory.update",
  "directory.delete",
  "directory.import",
  // Room policies (issue 13, item 6): turned on or off, and a conference's speakers set.
  "policy.set",
  "policy.speakers",
  "invites.add",
  "invites.remove",
  "invites.dial",
  "auth.sign_in",
  "auth.sign_out",
  "auth.sign_out_everywhere",
  // Exports of personal data leave a trace too, although they change nothing.
  "audit.export",
  "attendance.export",
  "directory.export",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
/**
 * - pending: written before the Sinch request leaves, not completed yet;
 * - succeeded / failed: final (Sinch confirmed or refused, or reconciliation decided);
 * - unknown: Sinch did not answer readably (timeout or dropped connection after
 *   sending, a 2xx Gavel cannot read): the command may or may not have happened;
 * - interrupted: left pending by a crash, found at start-up.
 * Reconciliation moves unknown and interrupted to succeeded or failed.
 */
export const AUDIT_OUTCOMES = ["pending", "succeeded", "failed", "unknown", "interrupted"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
/** The outcomes that say what happened for good. */
export const FINAL_AUDIT_OUTCOMES = ["succeeded", "failed"] as const;
export type FinalAuditOutcome = (typeof FINAL_AUDIT_OUTCOMES)[number];
/** Outcomes still waiting for reconciliation to decide. */
export const UNRESOLVED_AUDIT_OUTCOMES = ["unknown", "interrupted"] as const;
/** Who changed an entry's outcome after it was first completed. */
export const AUDIT_DECIDERS = ["reconciliation", "sinch", "restart"] as const;
export type AuditDecider = (typeof AUDIT_DECIDERS)[number];

/**
 * One change of an entry's outcome after it was completed, kept so that what was
 * first believed stays readable: "unknown → succeeded by reconciliation at …".
 */
export interface AuditHistoryFields {
  /** Epoch ms. */
  at: number;
  from: AuditOutcome;
  to: AuditOutcome;
  by: AuditDecider;
  note: string;
}

/** What an entry records, whether about to be written or read back. */
export interface AuditEntryFields {
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  /** A string, not AuditAction: entries written by an older Gavel keep their action's name. */
  action: string;
  conferenceId: string | null;
  targetCallId: string | null;
  targetNumber: string | null;
  params: Record<string, unknown> | null;
  outcome: AuditOutcome;
  httpStatus: number | null;
  sinchErrorCode: number | null;
  sinchReference: string | null;
  errorMessage: string | null;
  latencyMs: number | null;
  requestId: string;
  clientAddress: string | null;
  /** The API token the actor acted through (issue 14), absent or null for a session. */
  actorToken?: { id: string; name: string } | null;
}

/** The filters that select entries (no paging). `from` and `to` are epoch ms, inclusive. */
export interface AuditSelection {
  from?: number;
  to?: number;
  /** An exact email, compared case-insensitively. */
  actor?: string;
  conferenceId?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
  requestId?: string;
}
