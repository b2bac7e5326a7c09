/**
 * Writes the audit trail. Every state-changing action that talks to Sinch goes
 * through `audited`: the entry is written with outcome "pending" BEFORE the request
 * leaves, so a crash while Sinch works leaves a trace (recovered as "interrupted"
 * at the next start, ./recovery.ts), then completed with what Sinch said:
 * succeeded, failed, or unknown when it did not answer readably. Unknown outcomes
 * are decided later by reconciliation (`resolveAudit`), which keeps the first
 * belief readable in the entry's history (lib/db/audit-history.ts).
 */
import "server-only";
import type { Role } from "../../auth/permissions";
import { db } from "../../db";
import { insertAudit, type NewAuditEntry } from "../../db/audit";
import { changeAuditOutcome, completeAuditEntry, type AuditCompletion } from "../../db/audit-history";
import { log } from "../../log/logger";
import { countCommand } from "../../metrics/server/registry";
import type { SinchRequestOptions } from "../../sinch/server/client";
import { isSinchError, outcomeOfFailure } from "../../sinch/errors";
import { toApiError } from "../../api/map-error";
import type { AuditDecider, FinalAuditOutcome } from "../../vocabulary/audit";
import { scheduleRetention } from "./retention";
import type { AuditAction } from "../types";

export { listUnresolvedAudits, recoverInterruptedAudits, type UnresolvedAudit } from "./recovery";

/**
 * Who acted. A route's signed-in actor fits as it is; a failed sign-in has an email
 * (what was typed) but no id or role.
 */
export interface AuditActor {
  id: string | null;
  email: string | null;
  role: Role | null;
  /** The API token the request came with (issue 14): noted on the entry. */
  token?: { id: string; name: string };
}

export interface AuditContext {
  actor: AuditActor | null;
  requestId: string;
  clientAddress: string;
}

export interface AuditSubject {
  action: AuditAction;
  conferenceId?: string | null;
  targetCallId?: string | null;
  targetNumber?: string | null;
  params?: Record<string, unknown>;
}

/** The outcome of an action that involved no Sinch call and could not fail on its own. */
export const SUCCEEDED_LOCALLY = {
  outcome: "succeeded",
  httpStatus: null,
  sinchErrorCode: null,
  sinchReference: null,
  errorMessage: null,
  latencyMs: null,
} as const;

type OutcomeFields = Pick<
  NewAuditEntry,
  "outcome" | "httpStatus" | "sinchErrorCode" | "sinchReference" | "errorMessage" | "latencyMs"
>;

const PENDING: OutcomeFields = {
  outcome: "pending",
  httpStatus: null,
  sinchErrorCode: null,
  sinchReference: null,
  errorMessage: null,
  latencyMs: null,
};

function toEntry(ctx: AuditContext, subject: AuditSubject, outcome: OutcomeFields): NewAuditEntry {
  return {
    at: Date.now(),
    actorId: ctx.actor?.id ?? null,
    // Lower-cased like users' emails, so the page's actor filter finds failed sign-ins too.
    actorEmail: ctx.actor?.email?.trim().toLowerCase() || null,
    actorRole: ctx.actor?.role ?? null,
    actorToken: ctx.actor?.token ?? null,
    action: subject.action,
    conferenceId: subject.conferenceId ?? null,
    targetCallId: subject.targetCallId ?? null,
    targetNumber: subject.targetNumber ?? null,
    params: subject.params ?? null,
    requestId: ctx.requestId,
    clientAddress: ctx.clientAddress,
    ...outcome,
  };
}

async function write(ctx: AuditContext, subject: AuditSubject, outcome: OutcomeFields): Promise<string> {
  try {
    const id = await insertAudit(await db(), toEntry(ctx, subject, outcome));
    void scheduleRetention(); // never throws: the job logs its own failure
    return id;
  } catch (e) {
    // Losing an audit row silently would be worse than failing loudly in the log.
    log("error", "audit_write_failed", { requestId: ctx.requestId, action: subject.action, error: String(e) });
    throw e;
  }
}

/** Records an action whose outcome is already known (no Sinch request, or one finished elsewhere). */
export async function recordAudit(ctx: AuditContext, subject: AuditSubject, outcome: OutcomeFields): Promise<void> {
  await write(ctx, subject, outcome);
}

/** An entry written as pending, to be completed once the action's outcome is known. */
export interface AuditHandle {
  readonly id: string;
  readonly requestId: string;
  /** Sets the outcome (and, for a summary, its final params). Harmless if already decided. */
  complete(fields: AuditCompletion): Promise<void>;
}

/**
 * Writes a pending entry now, for an action of several steps (a bulk's summary,
 * written when the bulk starts, with its targets in params, completed at its end).
 */
export async function beginAudit(ctx: AuditContext, subject: AuditSubject): Promise<AuditHandle> {
  const id = await write(ctx, subject, PENDING);
  return {
    id,
    requestId: ctx.requestId,
    async complete(fields) {
      try {
        await completeAuditEntry(await db(), id, fields, Date.now());
      } catch (e) {
        log("error", "audit_write_failed", { requestId: ctx.requestId, action: subject.action, error: String(e) });
        throw e;
      }
    },
  };
}

/** Thrown by `audited` when Sinch did not answer readably: the command may or may not have happened. */
export class OutcomeUnknownError extends Error {
  readonly auditId: string;
  readonly requestId: string;
  override readonly cause: unknown;

  constructor(fields: { auditId: string; requestId: string; cause: unknown; message: string }) {
    super(fields.message, { cause: fields.cause });
    this.name = "OutcomeUnknownError";
    this.auditId = fields.auditId;
    this.requestId = fields.requestId;
    this.cause = fields.cause;
  }
}

/**
 * Runs a Sinch action between a pending entry and its completion. Sinch confirmed:
 * succeeded, returns the result. Sinch refused, or the request never left: failed,
 * rethrows the error. Sinch did not answer readably: unknown, throws
 * OutcomeUnknownError (reconciliation decides later).
 */
export async function audited<T>(
  ctx: AuditContext,
  subject: AuditSubject,
  run: (sinch: SinchRequestOptions) => Promise<T>,
): Promise<T> {
  // Before the request leaves: if even this write fails, nothing is sent.
  const handle = await beginAudit(ctx, subject);
  let latencyMs: number | null = null;
  let httpStatus: number | null = null;
  let answers = 0;
  const sinch: SinchRequestOptions = {
    onResponse: (meta) => {
      latencyMs = (latencyMs ?? 0) + meta.latencyMs;
      httpStatus = meta.status;
      answers++;
    },
  };
  // One entry per action: when it took several requests (a bulk row sent again after
  // Sinch's 429), the entry says how many, and its latency is their sum.
  const attempts = () => (answers > 1 ? { params: { ...subject.params, attempts: answers } } : {});
  const started = performance.now();
  let result: T;
  try {
    result = await run(sinch);
  } catch (e) {
    const outcome = outcomeOfFailure(e);
    countCommand(subject.action, outcome);
    const api = toApiError(e);
    await handle.complete({
      outcome,
      httpStatus: isSinchError(e) && e.kind === "http" ? e.status : httpStatus,
      sinchErrorCode: api.details?.sinchErrorCode ?? null,
      sinchReference: api.details?.sinchReference ?? null,
      errorMessage: api.message,
      latencyMs: latencyMs ?? Math.round(performance.now() - started),
      ...attempts(),
    });
    if (outcome === "unknown") {
      throw new OutcomeUnknownError({
        auditId: handle.id,
        requestId: ctx.requestId,
        cause: e,
        message: `Sinch has not confirmed yet: ${api.message}. Gavel is checking the room.`,
      });
    }
    throw e;
  }
  countCommand(subject.action, "succeeded");
  // Outside the try: if completing the row fails, the action must not be recorded a second time as failed.
  await handle.complete({
    outcome: "succeeded",
    httpStatus,
    sinchErrorCode: null,
    sinchReference: null,
    errorMessage: null,
    latencyMs: latencyMs ?? Math.round(performance.now() - started),
    ...attempts(),
  });
  return result;
}

/**
 * Sets the final outcome of an unknown or interrupted entry and records how and
 * when it was decided; the first belief stays in the entry's history. An entry
 * already decided is left as it is.
 */
export async function resolveAudit(
  auditId: string,
  outcome: FinalAuditOutcome,
  how: { by: AuditDecider; note: string; at?: number },
): Promise<void> {
  const changed = await changeAuditOutcome(await db(), auditId, {
    to: outcome,
    by: how.by,
    note: how.note,
    at: how.at ?? Date.now(),
  });
  if (changed) log("info", "audit_resolved", { auditId, outcome, by: how.by, note: how.note });
}
