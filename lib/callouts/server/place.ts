/**
 * Placing callouts: one from a form, one again (Retry), or a list into a conference.
 *
 * The callout is stored first (state "placing", with the submission's idempotency
 * key), then Sinch is asked, audited, and the row moves to "dialing" with Sinch's
 * callId, or to "failed" with the reason Sinch (or the network) gave. A submission
 * whose key is already held returns the first callout instead: if that one is still
 * being placed, it waits for it. POSTs to Sinch are never retried (a callout placed
 * twice rings someone's phone twice). What happens after Sinch answers is ./follow.ts.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { ApiError } from "../../api/errors";
import { toApiError } from "../../api/map-error";
import type { AuditContext } from "../../audit/server/record";
import { audited, OutcomeUnknownError } from "../../audit/server/record";
import { can, whyNot, type Role } from "../../auth/permissions";
import { config } from "../../config/env";
import { db } from "../../db";
import { upsertSeen } from "../../db/conferences";
import { log } from "../../log/logger";
import type { CalloutRequest } from "../../sinch/schemas";
import { sinchClient } from "../../platform/server/sinch";
import { mapWithConcurrency } from "../../util/pool";
import { sleep } from "../../util/sleep";
import { isFinal, type CalloutType } from "../../vocabulary/callouts";
import type { BatchLineResult, BatchResponse, PlaceCalloutResponse } from "../contract";
import type { ParsedBatch, ParsedCallout } from "../forms";
import { normalisePhoneNumber } from "../phone";
import { calloutMeta, toWireRequest, type CalloutMeta } from "../wire";
import { refundSpend, spendCallouts, type Spend } from "./budget";
import { refreshCallouts } from "./follow";
import { calloutSettings, serverSchemas } from "./inputs";
import {
  getCallout,
  insertCallout,
  markNotPlaced,
  markPlacementUnknown,
  markPlaced,
  toView,
  type Callout,
} from "./store";
import { PLACEMENT_UNKNOWN_MESSAGE, watchUnknownPlacement } from "./unknown";

export interface CalloutContext extends AuditContext {
  actor: { id: string; email: string; role: Role };
}

interface PlaceOptions {
  idempotencyKey?: string;
  batchId?: string;
  retryOf?: string;
  /** What a dial list already spent of the callout budget for this line (null: budget off). */
  spend?: Spend;
}

function assertMayPlace(role: Role, type: CalloutType): void {
  if (!can(role, "callout:place")) throw new ApiError("forbidden", `${whyNot("callout:place")}.`);
  if (type === "custom" && !can(role, "callout:custom")) {
    throw new ApiError("forbidden", `${whyNot("callout:custom")}.`);
  }
}

/** The first submission with this key is still talking to Sinch: wait for its answer. */
async function waitWhilePlacing(first: Callout): Promise<Callout> {
  const deadline = Date.now() + config().SINCH_TIMEOUT_MS + 3000;
  let current = first;
  while (current.state === "placing" && Date.now() < deadline) {
    await sleep(100);
    current = (await getCallout(first.id)) ?? current;
  }
  return current;
}

async function place(
  ctx: CalloutContext,
  type: CalloutType,
  request: CalloutRequest,
  meta: CalloutMeta,
  opts: PlaceOptions,
): Promise<PlaceCalloutResponse> {
  assertMayPlace(ctx.actor.role, type);
  const spend = opts.spend === undefined ? await spendCallouts(ctx.actor.id, 1) : opts.spend;
  const inserted = await insertCallout({
    type,
    request,
    destinationType: meta.destinationType,
    destination: meta.destination,
    cli: meta.cli,
    conferenceId: meta.conferenceId,
    label: meta.label,
    actorId: ctx.actor.id,
    actorEmail: ctx.actor.email,
    idempotencyKey: opts.idempotencyKey ?? null,
    batchId: opts.batchId ?? null,
    retryOf: opts.retryOf ?? null,
  });

  if (inserted.existing) {
    // A replay places nothing: it costs nothing.
    await refundSpend(spend);
    const first = inserted.callout;
    if (first.requestJson !== JSON.stringify(request) || first.actorId !== ctx.actor.id) {
      throw new ApiError(
        "conflict",
        "idempotencyKey: this key was already used for a different callout. Send a new key for a new callout.",
        { calloutId: first.id },
      );
    }
    return { callout: toView(await waitWhilePlacing(first)), replayed: true };
  }

  const callout = inserted.callout;
  if (meta.conferenceId) {
    try {
      // A conference Gavel calls people into belongs in its list.
      await upsertSeen(await db(), meta.conferenceId, "callout");
    } catch (e) {
      log("error", "callout_conference_record_failed", { conferenceId: meta.conferenceId, error: String(e) });
    }
  }

  let callId: string;
  const sentAt = Date.now();
  try {
    ({ callId } = await audited(
      ctx,
      {
        action: `callout.${type}`,
        conferenceId: meta.conferenceId,
        targetNumber: meta.destination,
        params: {
          calloutId: callout.id,
          destinationType: meta.destinationType,
          ...(meta.label ? { label: meta.label } : {}),
          ...(meta.cli ? { cli: meta.cli } : {}),
          ...(opts.batchId ? { batchId: opts.batchId } : {}),
          ...(opts.retryOf ? { retryOf: opts.retryOf } : {}),
        },
      },
      (sinch) => sinchClient().placeCallout(request, sinch),
    ));
  } catch (e) {
    if (e instanceof OutcomeUnknownError) return placementUnknown(callout, e, sentAt);
    const api = toApiError(e);
    const message = api.message;
    try {
      await markNotPlaced(callout.id, message);
    } catch (dbError) {
      log("error", "callout_state_write_failed", { calloutId: callout.id, error: String(dbError) });
    }
    throw new ApiError(api.code, message, { ...api.details, calloutId: callout.id });
  }
  const placed = await markPlaced(callout.id, callId);
  return { callout: toView(placed), replayed: false };
}

/** Sinch did not answer readably: the phone may be ringing. Answered 202, decided later. */
async function placementUnknown(
  callout: Callout,
  e: OutcomeUnknownError,
  sentAt: number,
): Promise<PlaceCalloutResponse> {
  let stored = callout;
  try {
    stored = await markPlacementUnknown(callout.id, PLACEMENT_UNKNOWN_MESSAGE);
  } catch (dbError) {
    log("error", "callout_state_write_failed", { calloutId: callout.id, error: String(dbError) });
  }
  watchUnknownPlacement(stored, e.auditId, sentAt);
  return {
    callout: toView(stored),
    replayed: false,
    outcome: "unknown",
    requestId: e.requestId,
    message: PLACEMENT_UNKNOWN_MESSAGE,
  };
}

/** Places one callout from a parsed form. */
export function placeCallout(
  ctx: CalloutContext,
  input: ParsedCallout,
  opts: PlaceOptions = {},
): Promise<PlaceCalloutResponse> {
  return place(ctx, input.type, toWireRequest(input), calloutMeta(input), {
    ...opts,
    idempotencyKey: opts.idempotencyKey ?? input.idempotencyKey,
  });
}

/** Places a finished callout's request again, as a new callout (Retry). */
export async function retryCallout(
  ctx: CalloutContext,
  calloutId: string,
  idempotencyKey: string | undefined,
  confirmUnknown = false,
): Promise<PlaceCalloutResponse> {
  const original = await getCallout(calloutId);
  if (!original) throw new ApiError("not_found", `No callout ${calloutId}`);
  assertMayPlace(ctx.actor.role, original.type);
  const [current] = await refreshCallouts([original]);
  if (current?.state === "unknown") {
    if (!confirmUnknown) {
      throw new ApiError(
        "conflict",
        "Sinch may have placed this call already: retrying could ring the phone twice. Send confirmUnknown: true to retry anyway.",
        { calloutId, state: current.state },
      );
    }
  } else if (current && !isFinal(current.state)) {
    throw new ApiError("conflict", "This callout has not ended yet: retrying now would ring the same phone twice.", {
      calloutId,
      state: current.state,
    });
  }
  return place(
    ctx,
    original.type,
    original.request,
    {
      type: original.type,
      destinationType: original.destinationType,
      destination: original.destination,
      cli: original.cli,
      conferenceId: original.conferenceId,
      label: original.label,
    },
    { idempotencyKey, batchId: original.batchId ?? undefined, retryOf: original.id },
  );
}

/**
 * Dial a list into one conference: every line is checked on its own (a bad number is
 * reported on its line, the others still go), then placed with at most
 * GAVEL_BULK_CONCURRENCY callouts in flight. Answers per line, in order. The lines
 * that can be placed are paid for from the callout budget first, all or none.
 */
export async function placeBatch(ctx: CalloutContext, batch: ParsedBatch): Promise<BatchResponse> {
  assertMayPlace(ctx.actor.role, "conference");
  const batchId = batch.batchId ?? randomUUID();
  const { conference } = serverSchemas();
  const seen = new Map<string, number>();

  type Planned = { index: number; line: ParsedBatch["lines"][number]; input?: ParsedCallout; error?: string };
  const planned: Planned[] = batch.lines.map((line, index) => {
    const number = normalisePhoneNumber(line.number, calloutSettings().defaultCountry);
    if (!number.ok) return { index, line, error: number.message };
    const earlier = seen.get(number.e164);
    if (earlier !== undefined) return { index, line, error: `is already in this list (line ${earlier + 1})` };
    seen.set(number.e164, index);
    const parsed = conference.safeParse({
      type: "conference",
      destination: { type: "number", endpoint: number.e164 },
      conferenceId: batch.conferenceId,
      cli: batch.cli,
      label: line.label,
      dtmf: batch.dtmf,
      greeting: batch.greeting,
      locale: batch.locale,
      mohClass: batch.mohClass,
      idempotencyKey: line.idempotencyKey,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { index, line, error: issue ? `${issue.path.join(".")}: ${issue.message}` : "is invalid" };
    }
    return { index, line, input: parsed.data };
  });

  const spend = await spendCallouts(ctx.actor.id, planned.filter((p) => p.input).length);
  const results = await mapWithConcurrency(
    planned,
    config().GAVEL_BULK_CONCURRENCY,
    async (p): Promise<BatchLineResult> => {
      const base = { index: p.index, number: p.line.number, label: p.line.label ?? null };
      if (!p.input) {
        return {
          ...base,
          ok: false,
          callout: null,
          replayed: false,
          error: { code: "validation_failed", message: p.error ?? "is invalid" },
        };
      }
      try {
        const r = await placeCallout(ctx, p.input, { batchId, spend });
        if (r.outcome === "unknown") {
          const error = { code: "outcome_unknown", message: r.message ?? PLACEMENT_UNKNOWN_MESSAGE };
          return { ...base, ok: false, callout: r.callout, replayed: false, error };
        }
        return { ...base, ok: true, callout: r.callout, replayed: r.replayed, error: null };
      } catch (e) {
        const api = toApiError(e);
        const calloutId = typeof api.details?.calloutId === "string" ? api.details.calloutId : undefined;
        const stored = calloutId ? await getCallout(calloutId) : undefined;
        return {
          ...base,
          ok: false,
          callout: stored ? toView(stored) : null,
          replayed: false,
          error: { code: api.code, message: api.message },
        };
      }
    },
  );
  const placed = results.filter((r) => r.ok).length;
  return { batchId, conferenceId: batch.conferenceId, results, placed, failed: results.length - placed };
}
