/**
 * Ending sessions, each audited: signing out ends one session (its id is revoked);
 * "sign out everywhere", by the person or by an admin for them, bumps the user's
 * session generation so every token issued before stops working. The cache of this
 * process forgets the user at once; other instances notice within the session check
 * bound (lib/auth/server/session-state.ts).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import { SUCCEEDED_LOCALLY, recordAudit, type AuditContext } from "../../audit/server/record";
import { db } from "../../db";
import { revokeSession } from "../../db/sessions";
import { endAllSessions } from "../../db/users";
import { currentRequest } from "../../log/request-context";
import { isRole } from "../permissions";
import { forgetSessionState } from "./session-state";

/** Signing out: the token's session is revoked until it would have expired. */
export async function endSession(token: JWT | null | undefined): Promise<void> {
  if (!token || typeof token.uid !== "string" || typeof token.sid !== "string") return;
  const expiresAt = typeof token.exp === "number" ? token.exp * 1000 : Date.now() + 8 * 60 * 60 * 1000;
  await revokeSession(await db(), { sessionId: token.sid, userId: token.uid, expiresAt });
  forgetSessionState(token.uid);
  const request = currentRequest();
  await recordAudit(
    {
      actor: { id: token.uid, email: token.email ?? null, role: isRole(token.role) ? token.role : null },
      requestId: request?.requestId ?? randomUUID(),
      clientAddress: request?.clientAddress ?? "unknown",
    },
    { action: "auth.sign_out" },
    SUCCEEDED_LOCALLY,
  );
}

/** Ends every session of a user; `ctx` is who asked (the user, or an admin). */
export async function endEverywhere(ctx: AuditContext, userId: string): Promise<void> {
  const user = await endAllSessions(await db(), userId);
  forgetSessionState(userId);
  const self = ctx.actor?.id === userId;
  await recordAudit(
    ctx,
    {
      action: self ? "auth.sign_out_everywhere" : "user.sign_out_everywhere",
      params: self ? undefined : { userId, email: user.email },
    },
    SUCCEEDED_LOCALLY,
  );
}
