/**
 * The callouts table as the callouts feature sees it. lib/db stores a callout's wire
 * request and Sinch's result and reason as plain values (persistence knows no Sinch);
 * here they are checked against the Sinch wire schemas on the way out, so the rest of
 * the feature works with typed callouts. Also how a stored callout is shown
 * (`toView`) and the labels the participant rows borrow (`calloutLabels`).
 */
import "server-only";
import { z } from "zod";
import { db } from "../../db";
import * as rows from "../../db/callouts";
import type { CallProgress, CalloutFilter, NewCallout, StoredCallout } from "../../db/callouts";
import {
  CALL_REASONS,
  CALL_RESULTS,
  calloutRequestSchema,
  type CallReason,
  type CallResult,
  type CalloutRequest,
} from "../../sinch/schemas";
import { iso } from "../../util/time";
import { isFinal } from "../../vocabulary/callouts";
import type { CalloutView } from "../contract";

export type { CalloutFilter };

export interface Callout extends Omit<StoredCallout, "request" | "result" | "reason"> {
  request: CalloutRequest;
  result: CallResult | null;
  reason: CallReason | null;
}

// A result or reason this Gavel does not know (Sinch added one) reads as "N/A"
// rather than making the whole callout unreadable.
const resultSchema = z.enum(CALL_RESULTS).catch("N/A");
const reasonSchema = z.enum(CALL_REASONS).catch("N/A");

function typed(c: StoredCallout): Callout {
  return {
    ...c,
    request: calloutRequestSchema.parse(c.request),
    result: c.result === null ? null : resultSchema.parse(c.result),
    reason: c.reason === null ? null : reasonSchema.parse(c.reason),
  };
}

export async function getCallout(id: string): Promise<Callout | undefined> {
  const c = await rows.getCallout(await db(), id);
  return c && typed(c);
}

/** See lib/db/callouts.ts insertCallout: `existing` is the callout that already holds the key. */
export async function insertCallout(
  input: NewCallout & { request: CalloutRequest },
): Promise<{ callout: Callout; existing: boolean }> {
  const r = await rows.insertCallout(await db(), input);
  return { callout: typed(r.callout), existing: r.existing };
}

export async function markPlaced(id: string, callId: string): Promise<Callout> {
  return typed(await rows.markPlaced(await db(), id, callId));
}

export async function markNotPlaced(id: string, message: string): Promise<Callout> {
  return typed(await rows.markNotPlaced(await db(), id, message));
}

export async function markPlacementUnknown(id: string, message: string): Promise<Callout> {
  return typed(await rows.markPlacementUnknown(await db(), id, message));
}

export async function resolvePlacement(
  id: string,
  decision: { placed: true; callId: string } | { placed: false; message: string },
): Promise<Callout> {
  return typed(await rows.resolvePlacement(await db(), id, decision));
}

export async function recordProgress(
  id: string,
  progress: CallProgress & { result?: CallResult | null; reason?: CallReason | null },
): Promise<Callout | undefined> {
  const c = await rows.recordProgress(await db(), id, progress);
  return c && typed(c);
}

export async function listCallouts(filter: CalloutFilter): Promise<Callout[]> {
  return (await rows.listCallouts(await db(), filter)).map(typed);
}

export async function listConferenceCallouts(conferenceId: string, endedSince: number): Promise<Callout[]> {
  return (await rows.listConferenceCallouts(await db(), conferenceId, endedSince)).map(typed);
}

/** Labels of Gavel's own callouts by callId (for the participant rows). */
export async function calloutLabels(callIds: readonly string[]): Promise<Map<string, string>> {
  if (callIds.length === 0) return new Map();
  return rows.labelsByCallId(await db(), callIds);
}

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
