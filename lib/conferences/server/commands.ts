/**
 * Moderation commands: one participant, in bulk, and ending the meeting. Each
 * Sinch command is audited and invalidates the conference's cached list so the
 * next poll shows its effect. Commands are never retried automatically (the
 * client guarantees that); the person decides, with the failures in front of them.
 */
import "server-only";
import { config } from "../../config/env";
import { audited, recordAudit, type AuditContext } from "../../audit/server/record";
import { toApiError } from "../../api/map-error";
import { sinchClient } from "../../platform/server/sinch";
import { isSinchError } from "../../sinch/errors";
import { mapWithConcurrency } from "../../util/pool";
import { sleep } from "../../util/sleep";
import { getLive, invalidateLive, participantNumber } from "./live";
import { actionOfCommand, commandOf, MODERATION_ACTIONS } from "../actions";
import { formatNumber } from "../format";
import type { BulkBody, BulkResponse, BulkResult, KickAllResponse, ManageParticipantBody } from "../schemas";
import { noteKick } from "./kick-notes";

export async function manageParticipant(
  ctx: AuditContext,
  conferenceId: string,
  callId: string,
  body: ManageParticipantBody,
  knownNumber?: string | null,
): Promise<void> {
  const number = knownNumber === undefined ? await participantNumber(conferenceId, callId) : knownNumber;
  try {
    await audited(
      ctx,
      {
        action: MODERATION_ACTIONS[actionOfCommand(body.command)].audit,
        conferenceId,
        targetCallId: callId,
        targetNumber: number,
        params: body.moh ? { moh: body.moh } : undefined,
      },
      (sinch) => sinchClient().manageParticipant(conferenceId, callId, body, sinch),
    );
  } finally {
    invalidateLive(conferenceId);
  }
}

export async function kickParticipant(
  ctx: AuditContext,
  conferenceId: string,
  callId: string,
  reason: string | undefined,
  knownNumber?: string | null,
): Promise<void> {
  const number = knownNumber === undefined ? await participantNumber(conferenceId, callId) : knownNumber;
  try {
    await audited(
      ctx,
      {
        action: MODERATION_ACTIONS.kick.audit,
        conferenceId,
        targetCallId: callId,
        targetNumber: number,
        params: reason ? { reason } : undefined,
      },
      (sinch) => sinchClient().kickParticipant(conferenceId, callId, sinch),
    );
    await noteKick(conferenceId, callId, ctx.actor, reason);
  } finally {
    invalidateLive(conferenceId);
  }
}

/** The sentence for one participant's failure, e.g. "+44 7700 900123 left the call". */
function participantFailure(e: unknown, cli: string | null): { code: string; message: string } {
  const who = cli ? formatNumber(cli) : "This participant";
  if (isSinchError(e) && e.kind === "http" && e.status === 404) {
    return { code: "not_found", message: `${who} left the call` };
  }
  const api = toApiError(e);
  return { code: api.code, message: `${who}: ${api.message}` };
}

export async function bulkAction(ctx: AuditContext, conferenceId: string, body: BulkBody): Promise<BulkResponse> {
  // "All" is resolved against a fresh list, so someone who joined a moment ago is included.
  invalidateLive(conferenceId);
  const live = await getLive(conferenceId);
  const byId = new Map(live.participants.map((p) => [p.callId, p.cli]));
  const except = new Set(body.except ?? []);
  const targets = body.all
    ? live.participants.map((p) => p.callId).filter((id) => !except.has(id))
    : [...new Set(body.callIds ?? [])];

  const results: BulkResult[] = await mapWithConcurrency(targets, config().GAVEL_BULK_CONCURRENCY, async (callId) => {
    const cli = byId.get(callId) ?? null;
    try {
      if (body.action === "kick") {
        await kickParticipant(ctx, conferenceId, callId, body.reason, cli);
      } else {
        await manageParticipant(
          ctx,
          conferenceId,
          callId,
          { command: commandOf(body.action), ...(body.action === "hold" && body.moh ? { moh: body.moh } : {}) },
          cli,
        );
      }
      return { callId, cli, ok: true };
    } catch (e) {
      return { callId, cli, ok: false, error: participantFailure(e, cli) };
    }
  });
  invalidateLive(conferenceId);

  const succeeded = results.filter((r) => r.ok).length;
  const failed = results.length - succeeded;
  await recordAudit(
    ctx,
    {
      action: MODERATION_ACTIONS[body.action].bulkAudit,
      conferenceId,
      params: {
        targets: targets.length,
        all: body.all === true,
        ...(body.except?.length ? { except: body.except.length } : {}),
        ...(body.moh ? { moh: body.moh } : {}),
        ...(body.reason ? { reason: body.reason } : {}),
        succeeded,
        failed,
      },
    },
    {
      outcome: failed === 0 ? "succeeded" : "failed",
      httpStatus: null,
      sinchErrorCode: null,
      sinchReference: null,
      errorMessage: failed === 0 ? null : `${failed} of ${results.length} failed`,
      latencyMs: null,
    },
  );
  return { action: body.action, results, succeeded, failed };
}

/**
 * Ends a meeting: Sinch's kick all, then checks until the room is empty, kicking
 * any straggler one by one, and reports who was removed.
 */
export async function kickAll(ctx: AuditContext, conferenceId: string): Promise<KickAllResponse> {
  invalidateLive(conferenceId);
  const before = (await getLive(conferenceId)).participants;
  try {
    await audited(
      ctx,
      { action: "conference.kick_all", conferenceId, params: { participants: before.length } },
      (sinch) => sinchClient().kickAll(conferenceId, sinch),
    );
  } finally {
    invalidateLive(conferenceId);
  }
  for (const p of before) await noteKick(conferenceId, p.callId, ctx.actor, "kick all");

  const stragglers: KickAllResponse["stragglers"] = [];
  let remaining: { callId: string; cli: string }[] = [];
  for (let check = 0; check < 5; check++) {
    await sleep(check === 0 ? 300 : 700);
    invalidateLive(conferenceId);
    const now = (await getLive(conferenceId)).participants;
    remaining = now.map((p) => ({ callId: p.callId, cli: p.cli }));
    if (now.length === 0) break;
    for (const p of now) {
      if (stragglers.some((s) => s.callId === p.callId && s.ok)) continue;
      try {
        await kickParticipant(ctx, conferenceId, p.callId, "kick all: straggler", p.cli);
        stragglers.push({ callId: p.callId, cli: p.cli, ok: true });
      } catch {
        stragglers.push({ callId: p.callId, cli: p.cli, ok: false });
      }
    }
  }
  const left = new Set(remaining.map((r) => r.callId));
  const removed = [
    ...before.filter((p) => !left.has(p.callId)).map((p) => ({ callId: p.callId, cli: p.cli })),
    ...stragglers
      .filter((s) => s.ok && !left.has(s.callId) && !before.some((b) => b.callId === s.callId))
      .map(({ callId, cli }) => ({ callId, cli })),
  ];
  return { removed, stragglers, remaining };
}
