/**
 * Every sign-in, successful or not, leaves a trace: a log line and an audit entry
 * ("auth.sign_in"). The entry's request id is the one next-auth's route wrapper
 * put on the response (app/api/auth/[...nextauth]/route.ts), or a fresh one when
 * there is no request around (never expected, but an entry must have one).
 *
 * Recorded here, by the auth feature, as every feature records its own actions
 * (commands, users, callouts) through lib/audit/server/record.ts: the audit trail
 * stays below the features and knows nothing of sign-in reasons. The request's id
 * comes from lib/log/request-context.ts, not from the route layer above.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { currentRequest } from "../../log/request-context";
import { recordAudit } from "../../audit/server/record";
import { log } from "../../log/logger";
import { isRole } from "../permissions";

export interface SignInEvent {
  email: string;
  outcome: "succeeded" | "failed";
  reason?: "bad_credentials" | "rate_limited" | "disabled" | "not_provisioned";
  userId?: string;
  role?: string;
  clientAddress: string;
  /** "credentials" or "oidc". */
  provider?: string;
}

export async function recordSignIn(event: SignInEvent): Promise<void> {
  const request = currentRequest();
  const requestId = request?.requestId ?? randomUUID();
  // next-auth's OIDC callback has no request to read an address from; the wrapper does.
  const clientAddress = request?.clientAddress ?? event.clientAddress;
  log(event.outcome === "succeeded" ? "info" : "warn", "sign_in", { ...event, requestId, clientAddress });
  const params: Record<string, unknown> = {};
  if (event.reason) params.reason = event.reason;
  if (event.provider) params.provider = event.provider;
  await recordAudit(
    {
      actor: { id: event.userId ?? null, email: event.email || null, role: isRole(event.role) ? event.role : null },
      requestId,
      clientAddress,
    },
    { action: "auth.sign_in", params: Object.keys(params).length > 0 ? params : undefined },
    {
      outcome: event.outcome,
      // What the person was answered: a failed sign-in is a 401 (a rate-limited one 429).
      httpStatus: event.outcome === "succeeded" ? 200 : event.reason === "rate_limited" ? 429 : 401,
      sinchErrorCode: null,
      sinchReference: null,
      errorMessage: event.outcome === "failed" ? failureSentence(event.reason) : null,
      latencyMs: null,
    },
  );
}

function failureSentence(reason: SignInEvent["reason"]): string {
  switch (reason) {
    case "rate_limited":
      return "Too many failed sign-in attempts";
    case "disabled":
      return "The account is disabled";
    case "not_provisioned":
      return "No active Gavel user has this email (single sign-on)";
    default:
      return "Wrong email or password";
  }
}
