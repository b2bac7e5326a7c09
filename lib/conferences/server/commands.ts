/**
 * Moderation commands: one participant, in bulk, and ending the meeting. Each
 * Sinch command is audited. A mute, unmute, hold or resume Sinch confirmed is
 * written into the conference's cached list (./live-cache.ts), so the next poll
 * shows it without asking Sinch again; a kick, a refusal, an unknown outcome and
 * the end of a meeting invalidate the list, so the next poll asks Sinch. A single
 * command is never retried automatically (the client guarantees that); the person
 * decides, with the failures in front of them. A bulk's rows go through a pace
 * (./bulk-pace.ts): Sinch's 429 slows the whole bulk and the refused row is sent
 * again (a 429 means Sinch did not do it); nothing else is retried.
 */
import "server-only";
import { config } from "../../config/env";
import { audited, beginAudit, OutcomeUnknownError, type AuditContext } from "../../audit/server/record";
import { toApiError } from "../../api/map-error";
import { sinchClient } from "../../platform/server/sinch";
import { isSinchError } from "../../sinch/errors";
import { mapWithConcurrency } from "../../util/pool";
import { sleep } from "../../util/sleep";
import { confirmLive, getLive, invalidateLive, participantNumber } from "./live";
import type { ConfirmedChange } from "./live-cache";
import { actionOfCommand, commandOf, MODERATION_ACTIONS } from "../actions";
import { formatNumber } from "../format";
import {
  OUTCOME_UNKNOWN_MESSAGE,
  type BulkBody,
  type BulkResponse,
  type BulkResult,
  type KickAllResponse,
  type ManageParticipantBody,
  type OutcomeUnknownReply,
  type ReconcileAction,
} from "../schemas";
import { BulkPace } from "./bulk-pace";
import { noteKick } from "./kick-notes";
import { expectUnknown } from "./reconcile";

/** What a participant command Sinch confirmed did. */
function changeOf({ command, moh }: ManageParticipantBody, callId: string): ConfirmedChange {
  switch (command) {
    case "mute":
      return { callId, muted: true };
    case "unmute":
      return { callId, muted: false };
    case "onhold":
      return { callId, onhold: true, holdMusic: moh ?? null };
    case "resume":
      return { callId, onhold: false };
  }
}

/** Sinch confirmed, or did not answer readably and reconciliation decides. Refusals throw. */
export type CommandReply = { ok: true } | OutcomeUnknownReply;

/**
 * A command whose answer Gavel could not read may have happened: hand it to
 * reconciliation and answer so; any other error is a failure and goes on up.
 */
function unknownOutcome(
  e: unknown,
  command: { conferenceId: string; callId: string | null; action: ReconcileAction; moh?: string; at: number },
): OutcomeUnknownReply {
  if (!(e instanceof OutcomeUnknownError)) throw e;
  expectUnknown({ auditId: e.auditId, requestId: e.requestId, ...command });
  return { outcome: "unknown", requestId: e.requestId, message: OUTCOME_UNKNOWN_MESSAGE };
}

/** A bulk's row goes through its pace; a single command is sent once. */
function send<T>(pace: BulkPace | undefined, request: () => Promise<T>): Promise<T> {
  return pace ? pace.send(request) : request();
}

export async function manageParticipant(
  ctx: AuditContext,
  conferenceId: string,
  callId: string,
  body: ManageParticipantBody,
  knownNumber?: string | null,
  pace?: BulkPace,
): Promise<CommandReply> {
  const number = knownNumber === undefined ? await participantNumber(conferenceId, callId) : knownNumber;
  const action = actionOfCommand(body.command);
  const at = Date.now();
  try {
    await audited(
      ctx,
      {
        action: MODERATION_ACTIONS[action].audit,
        conferenceId,
        targetCallId: callId,
        targetNumber: number,
        params: body.moh ? { moh: body.moh } : undefined,
      },
      (sinch) => send(pace, () => sinchClient().manageParticipant(conferenceId, callId, body, sinch)),
    );
    confirmLive(conferenceId, changeOf(body, callId));
    return { ok: true };
  } catch (e) {
    invalidateLive(conferenceId);
    return unknownOutcome(e, { conferenceId, callId, action, ...(body.moh ? { moh: body.moh } : {}), at });
  }
}

export async function kickParticipant(
  ctx: AuditContext,
  conferenceId: string,
  callId: string,
  reason: string | undefined,
  knownNumber?: string | null,
  pace?: BulkPace,
): Promise<CommandReply> {
  const number = knownNumber === undefined ? await participantNumber(conferenceId, callId) : knownNumber;
  const at = Date.now();
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
      (sinch) => send(pace, () => sinchClient().kickParticipant(conferenceId, callId, sinch)),
    );
    // Who is in the room changed: attendance learns it from Sinch's next list.
    invalidateLive(conferenceId);
    await noteKick(conferenceId, callId, ctx.actor, reason);
    return { ok: true };
  } catch (e) {
    invalidateLive(conferenceId);
    const reply = unknownOutcome(e, { conferenceId, callId, action: "kick", at });
    // If it happened, attendance should still say who removed them.
    await noteKick(conferenceId, callId, ctx.actor, reason);
    return reply;
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

  // The summary is written before the first command leaves, so a crash mid-bulk
  // still leaves it (pending, then interrupted at start-up), with what was asked.
  const asked = {
    targets: targets.length,
    all: body.all === true,
    ...(body.except?.length ? { except: body.except.length } : {}),
    ...(body.moh ? { moh: body.moh } : {}),
    ...(body.reason ? { reason: body.reason } : {}),
  };
  const summary = await beginAudit(ctx, {
    action: MODERATION_ACTIONS[body.action].bulkAudit,
    conferenceId,
    params: asked,
  });

  // The pool holds the configured number of rows at once; the pace lets fewer of them
  // reach Sinch while Sinch answers 429.
  const concurrency = config().GAVEL_BULK_CONCURRENCY;
  const pace = new BulkPace({ maxConcurrency: concurrency });
  const results: BulkResult[] = await mapWithConcurrency(targets, concurrency, async (callId) => {
    const cli = byId.get(callId) ?? null;
    try {
      let reply: CommandReply;
      if (body.action === "kick") {
        reply = await kickParticipant(ctx, conferenceId, callId, body.reason, cli, pace);
      } else {
        reply = await manageParticipant(
          ctx,
          conferenceId,
          callId,
          { command: commandOf(body.action), ...(body.action === "hold" && body.moh ? { moh: body.moh } : {}) },
          cli,
          pace,
        );
      }
      return "outcome" in reply
        ? { callId, cli, ok: false, outcome: "unknown", error: { code: "outcome_unknown", message: reply.message } }
        : { callId, cli, ok: true, outcome: "succeeded" };
    } catch (e) {
      return { callId, cli, ok: false, outcome: "failed", error: participantFailure(e, cli) };
    }
  });
  // Each mute or hold Sinch confirmed is in the cached list already; kicks and the rest invalidated it.

  const succeeded = results.filter((r) => r.outcome === "succeeded").length;
  const unknown = results.filter((r) => r.outcome === "unknown").length;
  const failed = results.length - succeeded - unknown;
  await summary.complete({
    // The summary's own outcome: failed when Sinch refused any; the unknown ones are
    // reconciled (and audited) one by one, and counted here.
    outcome: failed === 0 ? "succeeded" : "failed",
    httpStatus: null,
    sinchErrorCode: null,
    sinchReference: null,
    errorMessage: bulkMessage(failed, unknown, results.length, pace.stats.stopped),
    latencyMs: null,
    params: {
      ...asked,
      succeeded,
      failed,
      unknown,
      ...(pace.stats.rateLimited > 0
        ? { rateLimited: pace.stats.rateLimited, lowestConcurrency: pace.stats.lowestConcurrency }
        : {}),
    },
  });
  return { action: body.action, results, succeeded, failed, unknown };
}

function bulkMessage(failed: number, unknown: number, total: number, stopped: string | null): string | null {
  const parts = [
    ...(failed > 0 ? [`${failed} of ${total} failed`] : []),
    ...(unknown > 0 ? [`${unknown} of ${total} not answered by Sinch (reconciled separately)`] : []),
    ...(stopped ? [`stopped early: ${stopped}`] : []),
  ];
  return parts.length > 0 ? parts.join("; ") : null;
}

/**
 * Ends a meeting: Sinch's kick all, then checks until the room is empty, kicking
 * any straggler one by one, and reports who was removed.
 */
export async function kickAll(ctx: AuditContext, conferenceId: string): Promise<KickAllResponse | OutcomeUnknownReply> {
  invalidateLive(conferenceId);
  const before = (await getLive(conferenceId)).participants;
  const at = Date.now();
  let unknown: OutcomeUnknownReply | null = null;
  try {
    await audited(
      ctx,
      { action: "conference.kick_all", conferenceId, params: { participants: before.length } },
      (sinch) => sinchClient().kickAll(conferenceId, sinch),
    );
  } catch (e) {
    unknown = unknownOutcome(e, { conferenceId, callId: null, action: "kick_all", at });
  } finally {
    invalidateLive(conferenceId);
  }
  for (const p of before) await noteKick(conferenceId, p.callId, ctx.actor, "kick all");
  // Kicking stragglers one by one would hide whether Sinch's kick all happened:
  // reconciliation decides by the room being empty.
  if (unknown) return unknown;

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
        const reply = await kickParticipant(ctx, conferenceId, p.callId, "kick all: straggler", p.cli);
        stragglers.push({ callId: p.callId, cli: p.cli, ok: !("outcome" in reply) });
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
