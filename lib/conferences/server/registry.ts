/**
 * Gavel's own record of the conferences it has seen (Sinch cannot list them):
 * opened by someone, targeted by a callout, or present in the sandbox scene.
 */
import "server-only";
import { recordAudit, type AuditContext } from "../../audit/server/record";
import { db } from "../../db";
import {
  getConference,
  listConferences,
  setDisplayName,
  setPinned,
  upsertSeen,
  type Conference,
} from "../../db/conferences";
import { NotFoundError } from "../../db/errors";
import type { ConferenceSummary } from "../schemas";
import { iso } from "../../util/time";

export function toSummary(c: Conference): ConferenceSummary {
  return {
    conferenceId: c.conferenceId,
    displayName: c.displayName,
    pinned: c.pinned,
    source: c.source,
    firstSeenAt: iso(c.firstSeenAt),
    lastSeenAt: iso(c.lastSeenAt),
    lastConnectedAt: iso(c.lastConnectedAt),
    participantCount: c.lastParticipantCount,
    mutedCount: c.lastMutedCount,
    onholdCount: c.lastOnholdCount,
    lastPolledAt: iso(c.lastPolledAt),
  };
}

export async function listConferenceSummaries(): Promise<ConferenceSummary[]> {
  return (await listConferences(await db(), { limit: 500 })).map(toSummary);
}

export async function openConference(conferenceId: string): Promise<ConferenceSummary> {
  return toSummary(await upsertSeen(await db(), conferenceId, "opened"));
}

export async function getConferenceSummary(conferenceId: string): Promise<ConferenceSummary> {
  const c = await getConference(await db(), conferenceId);
  if (!c) throw new NotFoundError("conference", conferenceId);
  return toSummary(c);
}

export async function updateConference(
  ctx: AuditContext,
  conferenceId: string,
  change: { displayName?: string | null; pinned?: boolean },
): Promise<ConferenceSummary> {
  const database = await db();
  await upsertSeen(database, conferenceId, "opened");
  let c: Conference | undefined;
  const base = {
    outcome: "succeeded" as const,
    httpStatus: null,
    sinchErrorCode: null,
    sinchReference: null,
    errorMessage: null,
    latencyMs: null,
  };
  if (change.displayName !== undefined) {
    c = await setDisplayName(database, conferenceId, change.displayName);
    await recordAudit(
      ctx,
      { action: "conference.rename", conferenceId, params: { displayName: change.displayName } },
      base,
    );
  }
  if (change.pinned !== undefined) {
    c = await setPinned(database, conferenceId, change.pinned);
    await recordAudit(ctx, { action: change.pinned ? "conference.pin" : "conference.unpin", conferenceId }, base);
  }
  if (!c) throw new NotFoundError("conference", conferenceId);
  return toSummary(c);
}
