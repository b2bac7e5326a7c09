/**
 * Writes the audit trail. Every state-changing action goes through `audited`,
 * which runs the action, measures Sinch's latency, and records the outcome
 * (succeeded or failed, with HTTP status, Sinch errorCode and reference) before
 * the route answers.
 */
import "server-only";
import type { Actor } from "../auth/session";
import { db } from "../db";
import { insertAudit, type NewAuditEntry } from "../db/audit";
import { log } from "../log/logger";
import type { SinchRequestOptions } from "../sinch/client";
import { isSinchError } from "../sinch/errors";
import { toApiError } from "../api/map-error";
import type { AuditAction } from "./types";

export interface AuditContext {
  actor: Pick<Actor, "id" | "email" | "role"> | null;
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

export async function recordAudit(
  ctx: AuditContext,
  subject: AuditSubject,
  outcome: Pick<NewAuditEntry, "outcome" | "httpStatus" | "sinchErrorCode" | "sinchReference" | "errorMessage" | "latencyMs">,
): Promise<void> {
  const entry: NewAuditEntry = {
    at: Date.now(),
    actorId: ctx.actor?.id ?? null,
    actorEmail: ctx.actor?.email ?? null,
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
  try {
    const result = await run(sinch);
    await recordAudit(ctx, subject, {
      outcome: "succeeded",
      httpStatus,
      sinchErrorCode: null,
      sinchReference: null,
      errorMessage: null,
      latencyMs: latencyMs ?? Math.round(performance.now() - started),
    });
    return result;
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
}
