/**
 * TEMPORARY stand-in for the issue-10 audit API that the `ledger` branch builds
 * (lib/audit/server/record.ts: audited throwing OutcomeUnknownError, resolveAudit,
 * listUnresolvedAudits; lib/sinch/errors.ts: outcomeOfFailure), with exactly the
 * signatures of the shared interface, so this branch compiles and its tests run
 * before that branch lands. At merge every import of this file is repointed to the
 * real modules and this file is deleted.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { isSinchError } from "../../sinch/errors";
import type { SinchRequestOptions } from "../../sinch/server/client";
import { processSingleton } from "../../util/server/process-singleton";
import { audited as auditedToday, recordAudit, type AuditContext, type AuditSubject } from "./record";

/** Codes of a connection that never carried the request: the command cannot have happened. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function causeCode(e: unknown): string | undefined {
  let c: unknown = e;
  for (let depth = 0; c instanceof Error && depth < 4; depth++) {
    const code = (c as Error & { code?: unknown }).code;
    if (typeof code === "string") return code;
    c = c.cause;
  }
  return undefined;
}

export function outcomeOfFailure(e: unknown): "failed" | "unknown" {
  if (!isSinchError(e)) return "failed";
  switch (e.kind) {
    case "timeout":
    case "invalid-response":
      return "unknown";
    case "network":
      return NEVER_SENT.has(causeCode(e.cause) ?? "") ? "failed" : "unknown";
    default:
      return "failed";
  }
}

export class OutcomeUnknownError extends Error {
  readonly auditId: string;
  readonly requestId: string;
  override readonly cause: unknown;

  constructor(fields: { auditId: string; requestId: string; cause: unknown; message: string }) {
    super(fields.message);
    this.name = "OutcomeUnknownError";
    this.auditId = fields.auditId;
    this.requestId = fields.requestId;
    this.cause = fields.cause;
  }
}

// What the stand-in resolveAudit needs to write its correcting entry.
const written = processSingleton("outcomesShim", () => new Map<string, { ctx: AuditContext; subject: AuditSubject }>());

export async function audited<T>(
  ctx: AuditContext,
  subject: AuditSubject,
  run: (sinch: SinchRequestOptions) => Promise<T>,
): Promise<T> {
  try {
    return await auditedToday(ctx, subject, run);
  } catch (e) {
    if (outcomeOfFailure(e) !== "unknown") throw e;
    const auditId = randomUUID();
    written.set(auditId, { ctx, subject });
    throw new OutcomeUnknownError({
      auditId,
      requestId: ctx.requestId,
      cause: e,
      message: e instanceof Error ? e.message : String(e),
    });
  }
}

export async function resolveAudit(
  auditId: string,
  outcome: "succeeded" | "failed",
  how: { by: "reconciliation" | "sinch" | "restart"; note: string; at?: number },
): Promise<void> {
  const first = written.get(auditId);
  if (!first) return;
  written.delete(auditId);
  await recordAudit(
    first.ctx,
    { ...first.subject, params: { ...first.subject.params, resolvedBy: how.by } },
    {
      outcome,
      httpStatus: null,
      sinchErrorCode: null,
      sinchReference: null,
      errorMessage: how.note,
      latencyMs: null,
    },
  );
}

export interface UnresolvedAudit {
  auditId: string;
  action: string;
  conferenceId: string | null;
  targetCallId: string | null;
  targetNumber: string | null;
  params: Record<string, unknown> | null;
  requestId: string;
  at: number;
  outcome: "unknown" | "interrupted";
}

export async function listUnresolvedAudits(): Promise<UnresolvedAudit[]> {
  return [];
}
