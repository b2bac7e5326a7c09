/**
 * The callouts Gavel placed: one row per callout, written before Sinch is asked (state
 * "placing"), then moved forward by what Sinch answers and what call info says.
 *
 * Idempotency: a row may carry the key its submission came with; the key is unique,
 * so two identical submissions racing each other cannot both insert: the loser gets
 * the winner's row back (`existing: true`) and places nothing. A key is only held for
 * IDEMPOTENCY_WINDOW_MS: used again later, the old row lets go of it first.
 *
 * Times are epoch milliseconds; type and state are checked with zod on the way in
 * and out (TEXT columns, see ./schema.ts).
 */
import { randomUUID } from "node:crypto";
import type { Selectable, Updateable } from "kysely";
import { z } from "zod";
import {
  ACTIVE_STATES,
  CALLOUT_STATES,
  CALLOUT_TYPES,
  FINAL_STATES,
  IDEMPOTENCY_WINDOW_MS,
  type CalloutState,
  type CalloutType,
} from "../vocabulary/callouts";
import { isUniqueViolation } from "./errors";
import type { GavelDb } from "./index";
import type { CalloutsTable } from "./schema";

const stateSchema = z.enum(CALLOUT_STATES);
const typeSchema = z.enum(CALLOUT_TYPES);
/**
 * A callout as stored. The wire request and Sinch's result and reason are Sinch's
 * vocabulary, not persistence's: they come back as stored (the request parsed from
 * its JSON text, nothing more) and lib/callouts/server/store.ts checks them against
 * the wire schemas.
 */
export interface StoredCallout {
  id: string;
  callId: string | null;
  idempotencyKey: string | null;
  type: CalloutType;
  actorId: string | null;
  actorEmail: string | null;
  destinationType: string;
  destination: string;
  cli: string | null;
  conferenceId: string | null;
  label: string | null;
  /** The wire request as sent to Sinch, parsed from its JSON text but not checked. */
  request: unknown;
  /** The request exactly as stored (the idempotency check compares it). */
  requestJson: string;
  state: CalloutState;
  /** Sinch's call info result and reason, as last recorded. */
  result: string | null;
  reason: string | null;
  durationSeconds: number | null;
  errorMessage: string | null;
  batchId: string | null;
  retryOf: string | null;
  createdAt: number;
  updatedAt: number;
  joinedAt: number | null;
  endedAt: number | null;
}

export interface NewCallout {
  type: CalloutType;
  /** Stored as JSON text, keys in the order given. */
  request: unknown;
  destinationType: string;
  destination: string;
  cli: string | null;
  conferenceId: string | null;
  label: string | null;
  actorId: string | null;
  actorEmail: string | null;
  idempotencyKey?: string | null;
  batchId?: string | null;
  retryOf?: string | null;
}

function fromRow(row: Selectable<CalloutsTable>): StoredCallout {
  return {
    id: row.id,
    callId: row.call_id,
    idempotencyKey: row.idempotency_key,
    type: typeSchema.parse(row.type),
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    destinationType: row.destination_type,
    destination: row.destination,
    cli: row.cli,
    conferenceId: row.conference_id,
    label: row.label,
    request: JSON.parse(row.request) as unknown,
    requestJson: row.request,
    state: stateSchema.parse(row.state),
    result: row.sinch_result,
    reason: row.sinch_reason,
    durationSeconds: row.duration_seconds,
    errorMessage: row.error_message,
    batchId: row.batch_id,
    retryOf: row.retry_of,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    joinedAt: row.joined_at,
    endedAt: row.ended_at,
  };
}

export async function getCallout(db: GavelDb, id: string): Promise<StoredCallout | undefined> {
  const row = await db.kysely.selectFrom("callouts").selectAll().where("id", "=", id).executeTakeFirst();
  return row && fromRow(row);
}

export async function getCalloutByKey(db: GavelDb, key: string): Promise<StoredCallout | undefined> {
  const row = await db.kysely.selectFrom("callouts").selectAll().where("idempotency_key", "=", key).executeTakeFirst();
  return row && fromRow(row);
}

export type InsertResult = { callout: StoredCallout; existing: false } | { callout: StoredCallout; existing: true };

/**
 * Stores a new callout in state "placing". With an idempotency key already held by a
 * callout from the last IDEMPOTENCY_WINDOW_MS, nothing is inserted and that callout
 * comes back with `existing: true`, whatever state it is in (the caller decides
 * whether to wait for it).
 */
export async function insertCallout(db: GavelDb, input: NewCallout, now = Date.now()): Promise<InsertResult> {
  const key = input.idempotencyKey ?? null;
  if (key !== null) {
    // An old submission's key is free to use again: the old row lets go of it.
    await db.kysely
      .updateTable("callouts")
      .set({ idempotency_key: null })
      .where("idempotency_key", "=", key)
      .where("created_at", "<", now - IDEMPOTENCY_WINDOW_MS)
      .execute();
  }
  const row: Selectable<CalloutsTable> = {
    id: randomUUID(),
    call_id: null,
    idempotency_key: key,
    type: typeSchema.parse(input.type),
    actor_id: input.actorId,
    actor_email: input.actorEmail,
    destination_type: input.destinationType,
    destination: input.destination,
    cli: input.cli,
    conference_id: input.conferenceId,
    label: input.label,
    // As given (not re-parsed, which would reorder keys): the idempotency check compares this text.
    request: JSON.stringify(input.request),
    state: "placing",
    sinch_result: null,
    sinch_reason: null,
    duration_seconds: null,
    error_message: null,
    batch_id: input.batchId ?? null,
    retry_of: input.retryOf ?? null,
    created_at: now,
    updated_at: now,
    joined_at: null,
    ended_at: null,
  };
  try {
    await db.kysely.insertInto("callouts").values(row).execute();
    return { callout: fromRow(row), existing: false };
  } catch (error) {
    if (key === null || !isUniqueViolation(error)) throw error;
    const first = await getCalloutByKey(db, key);
    if (!first) throw error; // released between the two statements: the caller may simply try again
    return { callout: first, existing: true };
  }
}

/** Sinch accepted the callout: it is ringing. */
export async function markPlaced(db: GavelDb, id: string, callId: string, now = Date.now()): Promise<StoredCallout> {
  return leavePlacing(db, id, {
    call_id: callId,
    state: "dialing",
    sinch_result: "N/A",
    sinch_reason: "N/A",
    updated_at: now,
  });
}

/** Sinch refused the callout, or Gavel could not reach it: it ends here, with the reason. */
export async function markNotPlaced(
  db: GavelDb,
  id: string,
  message: string,
  now = Date.now(),
): Promise<StoredCallout> {
  return leavePlacing(db, id, { state: "failed", error_message: message, updated_at: now, ended_at: now });
}

/** Sinch did not answer the POST readably: the call may have been placed. */
export async function markPlacementUnknown(
  db: GavelDb,
  id: string,
  message: string,
  now = Date.now(),
): Promise<StoredCallout> {
  return leavePlacing(db, id, { state: "unknown", error_message: message, updated_at: now });
}

/**
 * Decides a callout whose placement was unknown: placed (its call is in the room,
 * with that callId) or not placed. Only from "unknown", so two deciders cannot race.
 */
export async function resolvePlacement(
  db: GavelDb,
  id: string,
  decision: { placed: true; callId: string } | { placed: false; message: string },
  now = Date.now(),
): Promise<StoredCallout> {
  const changes: Updateable<CalloutsTable> = decision.placed
    ? { state: "joined", call_id: decision.callId, error_message: null, updated_at: now, joined_at: now }
    : { state: "failed", error_message: decision.message, updated_at: now, ended_at: now };
  return leaveState(db, id, "unknown", changes);
}

/** Applies `changes` only if the callout is still "placing"; either way, answers it as stored. */
function leavePlacing(db: GavelDb, id: string, changes: Updateable<CalloutsTable>): Promise<StoredCallout> {
  return leaveState(db, id, "placing", changes);
}

/**
 * Applies `changes` only if the callout is still in state `from`, so two writers cannot
 * both move it on; either way, answers the callout as stored.
 */
async function leaveState(
  db: GavelDb,
  id: string,
  from: CalloutState,
  changes: Updateable<CalloutsTable>,
): Promise<StoredCallout> {
  const row = await db.kysely
    .updateTable("callouts")
    .set(changes)
    .where("id", "=", id)
    .where("state", "=", from)
    .returningAll()
    .executeTakeFirst();
  const current =
    row ?? (await db.kysely.selectFrom("callouts").selectAll().where("id", "=", id).executeTakeFirstOrThrow());
  return fromRow(current);
}

export interface CallProgress {
  state: CalloutState;
  result?: string | null;
  reason?: string | null;
  durationSeconds?: number | null;
  errorMessage?: string | null;
}

/**
 * Records what call info said. A callout already in a final state is left alone, so
 * two followers racing each other cannot move it backwards; joined_at and ended_at are
 * set the first time the state gets there.
 */
export async function recordProgress(
  db: GavelDb,
  id: string,
  progress: CallProgress,
  now = Date.now(),
): Promise<StoredCallout | undefined> {
  const state = stateSchema.parse(progress.state);
  const final = FINAL_STATES.includes(state);
  const row = await db.kysely
    .updateTable("callouts")
    .set((eb) => ({
      state,
      ...(progress.result !== undefined ? { sinch_result: progress.result } : {}),
      ...(progress.reason !== undefined ? { sinch_reason: progress.reason } : {}),
      ...(progress.durationSeconds !== undefined ? { duration_seconds: progress.durationSeconds } : {}),
      ...(progress.errorMessage !== undefined ? { error_message: progress.errorMessage } : {}),
      updated_at: now,
      ...(state === "joined" ? { joined_at: eb.fn.coalesce("joined_at", eb.val(now)) } : {}),
      ...(final ? { ended_at: eb.fn.coalesce("ended_at", eb.val(now)) } : {}),
    }))
    .where("id", "=", id)
    .where("state", "not in", [...FINAL_STATES])
    .returningAll()
    .executeTakeFirst();
  return row ? fromRow(row) : getCallout(db, id);
}

export interface CalloutFilter {
  /** One state, or "active" (not final yet) or "finished" (final). */
  state?: CalloutState | "active" | "finished";
  conferenceId?: string;
  batchId?: string;
  limit?: number;
}

/** Newest first. */
export async function listCallouts(db: GavelDb, filter: CalloutFilter = {}): Promise<StoredCallout[]> {
  let q = db.kysely.selectFrom("callouts").selectAll();
  if (filter.state === "active") q = q.where("state", "in", [...ACTIVE_STATES]);
  else if (filter.state === "finished") q = q.where("state", "in", [...FINAL_STATES]);
  else if (filter.state !== undefined) q = q.where("state", "=", stateSchema.parse(filter.state));
  if (filter.conferenceId !== undefined) q = q.where("conference_id", "=", filter.conferenceId);
  if (filter.batchId !== undefined) q = q.where("batch_id", "=", filter.batchId);
  const rows = await q
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(Math.max(1, Math.min(filter.limit ?? 200, 1000)))
    .execute();
  return rows.map(fromRow);
}

/**
 * The callouts into one conference that its page may still show as ghost rows: those
 * not final yet, and those that ended at or after `endedSince`.
 */
export async function listConferenceCallouts(
  db: GavelDb,
  conferenceId: string,
  endedSince: number,
  limit = 200,
): Promise<StoredCallout[]> {
  const rows = await db.kysely
    .selectFrom("callouts")
    .selectAll()
    .where("conference_id", "=", conferenceId)
    .where((eb) => eb.or([eb("state", "in", [...ACTIVE_STATES]), eb("ended_at", ">=", endedSince)]))
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(fromRow);
}

/** Labels (the callouts' `custom`) by callId, for the participant rows. */
export async function labelsByCallId(db: GavelDb, callIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(callIds)];
  // Chunked: one IN list per 500 ids keeps well under both engines' parameter limits.
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db.kysely
      .selectFrom("callouts")
      .select(["call_id", "label", "created_at"])
      .where("call_id", "in", unique.slice(i, i + 500))
      .where("label", "is not", null)
      .orderBy("created_at", "asc")
      .execute();
    for (const r of rows) if (r.call_id !== null && r.label !== null) out.set(r.call_id, r.label);
  }
  return out;
}
