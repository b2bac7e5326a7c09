/**
 * Placing callouts and following them until they end.
 *
 * Placing: the callout is stored first (state "placing", with the submission's
 * idempotency key), then Sinch is asked, audited, and the row moves to "dialing" with
 * Sinch's callId, or to "failed" with the reason Sinch (or the network) gave. A
 * submission whose key is already held returns the first callout instead: if that one
 * is still being placed, it waits for it. POSTs to Sinch are never retried (a callout
 * placed twice rings someone's phone twice).
 *
 * Following: Sinch cannot call back a console on a private network, so Gavel polls
 * call info. Whoever reads callouts (the callouts page, a conference's ghost rows)
 * refreshes the ones that are not final yet: at most one GET per callout per
 * FOLLOW_MIN_INTERVAL_MS however many people watch (in-flight and recent answers are
 * shared), a few in parallel. A conference callout is "joined" once its callId is in
 * the room's participant list (read through the conference poller's shared cache).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../../api/errors";
import { toApiError } from "../../api/map-error";
import { audited, type AuditContext } from "../../audit/server/record";
import { can, whyNot, type Role } from "../../auth/permissions";
import { config } from "../../config/env";
import { getLive } from "../../conferences/server/live";
import { db } from "../../db";
import {
  getCallout,
  insertCallout,
  labelsByCallId,
  listCallouts,
  listConferenceCallouts,
  markNotPlaced,
  markPlaced,
  recordProgress,
  type Callout,
  type CalloutFilter,
} from "../../db/callouts";
import { upsertSeen } from "../../db/conferences";
import { log } from "../../log/logger";
import { sinchClient } from "../../platform/server/sinch";
import { isSinchError } from "../../sinch/errors";
import type { CalloutRequest } from "../../sinch/schemas";
import { mapWithConcurrency } from "../../util/pool";
import { processSingleton } from "../../util/server/process-singleton";
import { normalisePhoneNumber } from "../phone";
import {
  calloutSchemas,
  GHOST_ROW_WINDOW_MS,
  idempotencyKeySchema,
  isFinal,
  type BatchLineResult,
  type BatchResponse,
  type CalloutSchemas,
  type CalloutSettings,
  type CalloutType,
  type CalloutView,
  type ParsedBatch,
  type ParsedCallout,
  type PlaceCalloutResponse,
} from "../schemas";
import { advance, stateFromCallInfo } from "../state";
import { calloutMeta, toWireRequest, type CalloutMeta } from "../wire";
import { iso } from "../../util/time";

export interface CalloutContext extends AuditContext {
  actor: { id: string; email: string; role: Role };
}

/** At most one call-info GET per callout in this window. */
export const FOLLOW_MIN_INTERVAL_MS = 1000;
/**
 * A callee in the room can only hang up from there: checking every 5 s is enough,
 * and an hour-long meeting full of dialled-in people does not cost a GET per person
 * per second.
 */
export const FOLLOW_JOINED_INTERVAL_MS = 5000;
/** Call-info GETs in flight at once for one read. */
const FOLLOW_CONCURRENCY = 8;
/**
 * Unfinished callouts refreshed per read, least recently checked first: a list of 500
 * ringing calls is brought up to date over a few polls rather than with 500 GETs at once.
 */
const FOLLOW_MAX_PER_READ = 40;
/** A callout Sinch has not heard of this long after it was placed is taken as lost. */
const LOST_AFTER_MS = 60_000;

// ------------------------------------------------------------------ schemas and settings

export function calloutSettings(): CalloutSettings {
  const c = config();
  return { callerIds: [...c.callerIds], defaultCountry: c.GAVEL_DEFAULT_COUNTRY };
}

let schemas: CalloutSchemas | undefined;
/** The shared schemas with this deployment's default country and caller IDs. */
export function serverSchemas(): CalloutSchemas {
  schemas ??= calloutSchemas(calloutSettings());
  return schemas;
}

/**
 * Route body schemas, built on first use rather than at import: the route modules
 * are loaded while Next builds, when the configuration need not be complete.
 */
export const calloutBodySchema = z.lazy(() => serverSchemas().callout);
export const batchBodySchema = z.lazy(() => serverSchemas().batch);

// ------------------------------------------------------------------ views

export function toView(c: Callout): CalloutView {
  return {
    id: c.id,
    type: c.type,
    state: c.state,
    final: isFinal(c.state),
    callId: c.callId,
    destination: { type: c.destinationType, endpoint: c.destination },
    cli: c.cli,
    conferenceId: c.conferenceId,
    label: c.label,
    result: c.result,
    reason: c.reason,
    durationSeconds: c.durationSeconds,
    error: c.errorMessage,
    actorEmail: c.actorEmail,
    batchId: c.batchId,
    retryOf: c.retryOf,
    request: c.request,
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
    joinedAt: iso(c.joinedAt),
    endedAt: iso(c.endedAt),
  };
}

// ------------------------------------------------------------------ placing

interface PlaceOptions {
  idempotencyKey?: string;
  batchId?: string;
  retryOf?: string;
}

function assertMayPlace(role: Role, type: CalloutType): void {
  if (!can(role, "callout:place")) throw new ApiError("forbidden", `${whyNot("callout:place")}.`);
  if (type === "custom" && !can(role, "callout:custom")) {
    throw new ApiError("forbidden", `${whyNot("callout:custom")}.`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The first submission with this key is still talking to Sinch: wait for its answer. */
async function waitWhilePlacing(first: Callout): Promise<Callout> {
  const deadline = Date.now() + config().SINCH_TIMEOUT_MS + 3000;
  let current = first;
  while (current.state === "placing" && Date.now() < deadline) {
    await sleep(100);
    current = (await getCallout(await db(), first.id)) ?? current;
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
  const database = await db();
  const inserted = await insertCallout(database, {
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
      await upsertSeen(database, meta.conferenceId, "callout");
    } catch (e) {
      log("error", "callout_conference_record_failed", { conferenceId: meta.conferenceId, error: String(e) });
    }
  }

  let callId: string;
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
    const api = toApiError(e);
    const message =
      isSinchError(e) && e.kind === "timeout"
        ? `${api.message}. The call may still have been placed: check before calling again.`
        : api.message;
    try {
      await markNotPlaced(database, callout.id, message);
    } catch (dbError) {
      log("error", "callout_state_write_failed", { calloutId: callout.id, error: String(dbError) });
    }
    throw new ApiError(api.code, message, { ...api.details, calloutId: callout.id });
  }
  const placed = await markPlaced(database, callout.id, callId);
  return { callout: toView(placed), replayed: false };
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
): Promise<PlaceCalloutResponse> {
  const original = await getCallout(await db(), calloutId);
  if (!original) throw new ApiError("not_found", `No callout ${calloutId}`);
  assertMayPlace(ctx.actor.role, original.type);
  const [current] = await refreshCallouts([original]);
  if (current && !isFinal(current.state)) {
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
 * GAVEL_BULK_CONCURRENCY callouts in flight. Answers per line, in order.
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
        const r = await placeCallout(ctx, p.input, { batchId });
        return { ...base, ok: true, callout: r.callout, replayed: r.replayed, error: null };
      } catch (e) {
        const api = toApiError(e);
        const calloutId = typeof api.details?.calloutId === "string" ? api.details.calloutId : undefined;
        const stored = calloutId ? await getCallout(await db(), calloutId) : undefined;
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

// ------------------------------------------------------------------ following

interface FollowEntry {
  startedAt: number;
  promise: Promise<Callout>;
}

// One follower per process, however many times Next evaluates this module.
const following = processSingleton("calloutFollow", () => new Map<string, FollowEntry>());

function sweep(now: number): void {
  if (following.size < 1000) return;
  for (const [id, e] of following) if (now - e.startedAt > 2 * FOLLOW_JOINED_INTERVAL_MS) following.delete(id);
}

async function inRoom(conferenceId: string, callId: string): Promise<boolean> {
  try {
    return (await getLive(conferenceId)).participants.some((p) => p.callId === callId);
  } catch {
    return false; // cannot tell: "answered" until the next look
  }
}

async function follow(c: Callout): Promise<Callout> {
  const database = await db();
  if (c.callId === null) {
    // Stored, but the process that was placing it never wrote Sinch's answer.
    const lostAfter = config().SINCH_TIMEOUT_MS + LOST_AFTER_MS;
    if (c.state === "placing" && Date.now() - c.createdAt > lostAfter) {
      return markNotPlaced(
        database,
        c.id,
        "Gavel stopped before Sinch answered: the call may or may not have been placed.",
      );
    }
    return c;
  }
  let info;
  try {
    info = await sinchClient().getCall(c.callId);
  } catch (e) {
    if (isSinchError(e) && e.kind === "http" && e.status === 404 && Date.now() - c.createdAt > LOST_AFTER_MS) {
      return (
        (await recordProgress(database, c.id, {
          state: "ended",
          errorMessage: "Sinch no longer has this call: how it ended is unknown.",
        })) ?? c
      );
    }
    log("warn", "callout_follow_failed", { calloutId: c.id, callId: c.callId, error: String(e) });
    return c;
  }
  const answeredOngoing = info.status !== "FINAL" && info.result === "ANSWERED";
  const joined =
    answeredOngoing && c.conferenceId !== null && (c.state === "joined" || (await inRoom(c.conferenceId, c.callId)));
  const next = advance(c.state, stateFromCallInfo(info, joined));
  const unchanged =
    next === c.state &&
    (info.result ?? null) === c.result &&
    (info.reason ?? null) === c.reason &&
    (info.duration ?? null) === c.durationSeconds;
  if (unchanged) return c;
  return (
    (await recordProgress(database, c.id, {
      state: next,
      result: info.result ?? null,
      reason: info.reason ?? null,
      durationSeconds: info.duration ?? null,
    })) ?? c
  );
}

/** One callout brought up to date, sharing a GET that is in flight or less than a second old. */
function followOnce(c: Callout): Promise<Callout> {
  const now = Date.now();
  const recent = following.get(c.id);
  const interval = c.state === "joined" ? FOLLOW_JOINED_INTERVAL_MS : FOLLOW_MIN_INTERVAL_MS;
  if (recent && now - recent.startedAt < interval) return recent.promise;
  sweep(now);
  const promise = follow(c).catch((e: unknown) => {
    log("error", "callout_follow_failed", { calloutId: c.id, error: String(e) });
    return c;
  });
  following.set(c.id, { startedAt: now, promise });
  return promise;
}

/** The callouts as given, those not final yet refreshed from Sinch (at most FOLLOW_MAX_PER_READ of them). */
export async function refreshCallouts(callouts: readonly Callout[]): Promise<Callout[]> {
  const lastChecked = (c: Callout) => following.get(c.id)?.startedAt ?? 0;
  const due = new Set(
    callouts
      .filter((c) => !isFinal(c.state))
      .sort((a, b) => lastChecked(a) - lastChecked(b))
      .slice(0, FOLLOW_MAX_PER_READ)
      .map((c) => c.id),
  );
  return mapWithConcurrency(callouts, FOLLOW_CONCURRENCY, (c) => (due.has(c.id) ? followOnce(c) : Promise.resolve(c)));
}

export async function listCalloutViews(filter: CalloutFilter): Promise<CalloutView[]> {
  const rows = await listCallouts(await db(), filter);
  return (await refreshCallouts(rows)).map(toView);
}

/**
 * The callouts into one conference its page shows as ghost rows: not final yet, or
 * ended within GHOST_ROW_WINDOW_MS; a callout that was retried gives way to its retry.
 */
export async function conferenceCalloutViews(conferenceId: string): Promise<CalloutView[]> {
  const rows = await listConferenceCallouts(await db(), conferenceId, Date.now() - GHOST_ROW_WINDOW_MS);
  const retried = new Set(rows.map((r) => r.retryOf).filter((id): id is string => id !== null));
  return (await refreshCallouts(rows.filter((r) => !retried.has(r.id)))).map(toView);
}

export async function getCalloutView(calloutId: string): Promise<CalloutView> {
  const c = await getCallout(await db(), calloutId);
  if (!c) throw new ApiError("not_found", `No callout ${calloutId}`);
  const [fresh] = await refreshCallouts([c]);
  return toView(fresh ?? c);
}

/** Labels of Gavel's own callouts by callId (for the participant rows). */
export async function calloutLabels(callIds: readonly string[]): Promise<Map<string, string>> {
  if (callIds.length === 0) return new Map();
  return labelsByCallId(await db(), callIds);
}

/**
 * The submission's idempotency key: the Idempotency-Key header, or the body's
 * idempotencyKey; both may be sent if they agree.
 */
export function idempotencyKeyFrom(headers: Headers, bodyKey: string | undefined): string | undefined {
  const raw = headers.get("idempotency-key");
  if (raw === null) return bodyKey;
  const parsed = idempotencyKeySchema.safeParse(raw.trim());
  if (!parsed.success) {
    throw new ApiError("validation_failed", `Idempotency-Key: ${parsed.error.issues[0]?.message ?? "is invalid"}`);
  }
  if (bodyKey !== undefined && bodyKey !== parsed.data) {
    throw new ApiError(
      "validation_failed",
      "idempotencyKey: differs from the Idempotency-Key header; send one of them",
    );
  }
  return parsed.data;
}
