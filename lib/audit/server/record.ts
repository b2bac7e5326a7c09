/**
 * Writes the audit trail. Every state-changing action goes through `audited`,
 * which runs the action, measures Sinch's latency, and records the outcome
 * (succeeded or failed, with HTTP status, Sinch errorCode and reference) before
 * the route answers.
 */
import "server-only";
import type { Role } from "../../auth/permissions";
import { db } from "../../db";
import { insertAudit, type NewAuditEntry } from "../../db/audit";
import { log } from "../../log/logger";
import type { SinchRequestOptions } from "../../sinch/server/client";
import { isSinchError } from "../../sinch/errors";
import { toApiError } from "../../api/map-error";
import { scheduleRetention } from "./retention";
import type { AuditAction } from "../types";

/**
 * Who acted. A route's signed-in actor fits as it is; a failed sign-in has an email
 * (what was typed) but no id or role.
 */
export interface AuditActor {
  id: string | null;
  email: string | null;
  role: Role | null;
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

export async function recordAudit(
  ctx: AuditContext,
  subject: AuditSubject,
  outcome: Pick<
    NewAuditEntry,
    "outcome" | "httpStatus" | "sinchErrorCode" | "sinchReference" | "errorMessage" | "latencyMs"
  >,
): Promise<void> {
  const entry: NewAuditEntry = {
    at: Date.now(),
    actorId: ctx.actor?.id ?? null,
    // Lower-cased like users' emails, so the page's actor filter finds failed sign-ins too.
    actorEmail: ctx.actor?.email?.trim().toLowerCase() || null,
    actorRole: ctx.actor?.role ?? null,
    action: subject.action,
    conferenceId: subject.conferenceId ?? null,
    targetCallId: subject.targetCallId ?? null,
    targetNumber: subject.targetNumber ?? null,
    params: subject.params ?? null,
    requestId: ctx.requestId,
    clientAddress: ctx.clientAddress,
    ...outcome,
  };
  try {
    await insertAudit(await db(), entry);
  } catch (e) {
    // Losing an audit row silently would be worse than failing loudly in the log.
    log("error", "audit_write_failed", { requestId: ctx.requestId, action: subject.action, error: String(e) });
    throw e;
  }
  void scheduleRetention(); // never throws: the job logs its own failure
}

/** Runs a Sinch action and records its outcome, success or failure, before returning. */
export async function audited<T>(
  ctx: AuditContext,
  subject: AuditSubject,
  run: (sinch: SinchRequestOptions) => Promise<T>,
): Promise<T> {
  let latencyMs: number | null = null;
  let httpStatus: number | null = null;
  const sinch: SinchRequestOptions = {
    onResponse: (meta) => {
      latencyMs = (latencyMs ?? 0) + meta.latencyMs;
      httpStatus = meta.status;
    },
  };
  const started = performance.now();
  let result: T;
  try {
    result = await run(sinch);
  } catch (e) {
    const api = toApiError(e);
    await recordAudit(ctx, subject, {
      outcome: "failed",
      httpStatus: isSinchError(e) && e.kind === "http" ? e.status : httpStatus,
      sinchErrorCode: api.details?.sinchErrorCode ?? null,
      sinchReference: api.details?.sinchReference ?? null,
      errorMessage: api.message,
      latencyMs: latencyMs ?? Math.round(performance.now() - started),
    });
    throw e;
  }
  // Outside the try: if writing the row fails, the action must not be recorded a second time as failed.
  await recordAudit(ctx, subject, {
    outcome: "succeeded",
    httpStatus,
    sinchErrorCode: null,
    sinchReference: null,
    errorMessage: null,
    latencyMs: latencyMs ?? Math.round(performance.now() - started),
  });
  return result;
}
