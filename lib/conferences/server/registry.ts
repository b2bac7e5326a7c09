/**
 * Gavel's own record of the conferences it has seen (Sinch cannot list them):
 * opened by someone, targeted by a callout, or present in the sandbox scene.
 */
import "server-only";
import { recordAudit, type AuditContext } from "../../audit/server/record";
import { db } from "../../db";
import { searchConferences } from "../../db/conference-search";
import {
  deleteConference,
  getConference,
  setDisplayName,
  setPinned,
  upsertSeen,
  type Conference,
} from "../../db/conferences";
import { NotFoundError } from "../../db/errors";
import type { Actor } from "../../auth/actor";
import type { ConferenceFilter, ConferenceListReply, ConferenceSummary } from "../schemas";
import { iso } from "../../util/time";

/** The outcome of a change to Gavel's own records: nothing went to Sinch. */
const SUCCEEDED = {
  outcome: "succeeded" as const,
  httpStatus: null,
  sinchErrorCode: null,
  sinchReference: null,
  errorMessage: null,
  latencyMs: null,
};

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

/**
 * The home's list: at most 500 rooms that match the search (id, name, or who was
 * connected at Gavel's last look) and the filter ("mine": rooms this person acted
 * on, from the audit trail), pinned first; and how many Gavel knows in all.
 */
export async function listConferenceSummaries(
  actor: Pick<Actor, "email">,
  query: { q?: string; show?: ConferenceFilter } = {},
): Promise<ConferenceListReply> {
  const found = await searchConferences(await db(), {
    text: query.q,
    show: query.show,
    actorEmail: actor.email,
    limit: 500,
  });
  return { conferences: found.conferences.map(toSummary), total: found.total };
}

/**
 * "Forget": takes the conference off Gavel's list (its name and pin with it); its
 * audit entries and attendance stay. It comes back, as new, when anyone opens it,
 * a callout goes into it, or a poll of a page still open on it sees it again.
 * Audited; 404 when Gavel has no record of it.
 */
export async function forgetConference(ctx: AuditContext, conferenceId: string): Promise<ConferenceSummary> {
  const gone = await deleteConference(await db(), conferenceId);
  if (!gone) throw new NotFoundError("conference", conferenceId);
  await recordAudit(
    ctx,
    {
      action: "conference.forget",
      conferenceId,
      params: { displayName: gone.displayName, pinned: gone.pinned, firstSeenAt: iso(gone.firstSeenAt) },
    },
    SUCCEEDED,
  );
  return toSummary(gone);
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
  const base = SUCCEEDED;
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
