/**
 * What the room policies routes do: read a room's policies with its speakers and
 * Waiting list; turn policies on or off (audited, and the watcher started, so the
 * room is watched whether or not anyone keeps the page open); set the speakers;
 * admit a waiting joiner; mute everyone but the speakers through the bulk path.
 */
import "server-only";
import { ApiError } from "../../api/errors";
import { recordAudit, SUCCEEDED_LOCALLY, type AuditContext } from "../../audit/server/record";
import { normalisePhoneNumber } from "../../callouts/phone";
import { config } from "../../config/env";
import { bulkAction, manageParticipant, type CommandReply } from "../../conferences/server/commands";
import { getLive, invalidateLive } from "../../conferences/server/live";
import type { BulkResponse } from "../../conferences/types";
import { db } from "../../db";
import { listLobbyWaiting, removeLobbyWaiting } from "../../db/lobby-waiting";
import { getContact } from "../../db/contacts";
import {
  getRoomPolicy,
  listSpeakers,
  setRoomPolicy,
  setSpeakers,
  speakerNumbers,
  type PolicySetting,
  type SpeakerInput,
} from "../../db/room-policies";
import type { SpeakersBody, UpdatePoliciesBody } from "../schemas";
import type { MohClass, PolicySettingView, RoomPoliciesView } from "../types";
import { loadWatchedPolicy, policyContext, policyWatcher } from "./watch";

function settingView(s: PolicySetting): PolicySettingView {
  return { on: s.on, setBy: s.setBy, setAt: s.setAt === null ? null : new Date(s.setAt).toISOString() };
}

/**
 * The room's policies, speakers and Waiting list. A room with a policy on whose
 * watcher had stopped (empty for a while) is watched again: someone is looking at it.
 */
export async function policiesView(conferenceId: string): Promise<RoomPoliciesView> {
  const d = await db();
  const [policy, speakers] = await Promise.all([getRoomPolicy(d, conferenceId), listSpeakers(d, conferenceId)]);
  if ((policy.muteOnEntry.on || policy.lobby.on) && !policyWatcher.watching(conferenceId)) {
    void policyWatcher.start(conferenceId);
  }
  return {
    conferenceId,
    muteOnEntry: settingView(policy.muteOnEntry),
    lobby: { ...settingView(policy.lobby), moh: policy.lobby.moh as MohClass },
    speakers: speakers.map(({ contactId, name, numbers }) => ({ contactId, name, numbers })),
    // From the database: the instance watching the room may not be the one serving this.
    waiting: (await listLobbyWaiting(d, conferenceId)).map((w) => ({
      callId: w.callId,
      cli: w.cli,
      since: new Date(w.since).toISOString(),
    })),
    watching: policyWatcher.watching(conferenceId),
  };
}

function actorEmail(ctx: AuditContext): string {
  return ctx.actor?.email ?? "unknown";
}

export async function updatePolicies(
  ctx: AuditContext,
  conferenceId: string,
  body: UpdatePoliciesBody,
): Promise<RoomPoliciesView> {
  const d = await db();
  const policy = await setRoomPolicy(d, conferenceId, body, actorEmail(ctx), Date.now());
  await recordAudit(
    ctx,
    {
      action: "policy.set",
      conferenceId,
      params: {
        ...(body.muteOnEntry !== undefined ? { muteOnEntry: body.muteOnEntry } : {}),
        ...(body.lobby ? { lobby: body.lobby.on, moh: body.lobby.moh } : {}),
      },
    },
    SUCCEEDED_LOCALLY,
  );
  // Turned on: watched from now, leaving those already in the room alone. Turned off:
  // the watcher stops at its next round (unless someone still waits in the lobby).
  if (policy.muteOnEntry.on || policy.lobby.on) await policyWatcher.start(conferenceId);
  return policiesView(conferenceId);
}

export async function updateSpeakers(
  ctx: AuditContext,
  conferenceId: string,
  body: SpeakersBody,
): Promise<RoomPoliciesView> {
  const d = await db();
  const speakers: SpeakerInput[] = [];
  for (const [i, s] of body.speakers.entries()) {
    if ("contactId" in s) {
      if (!(await getContact(d, s.contactId))) {
        throw new ApiError("validation_failed", `speakers.${i}: no such contact (deleted?)`);
      }
      speakers.push({ contactId: s.contactId });
    } else {
      const r = normalisePhoneNumber(s.number, config().GAVEL_DEFAULT_COUNTRY);
      if (!r.ok) throw new ApiError("validation_failed", `speakers.${i}: ${r.message}`);
      speakers.push({ number: r.e164 });
    }
  }
  await setSpeakers(d, conferenceId, speakers, actorEmail(ctx), Date.now());
  await recordAudit(
    ctx,
    { action: "policy.speakers", conferenceId, params: { speakers: speakers.length } },
    SUCCEEDED_LOCALLY,
  );
  return policiesView(conferenceId);
}

/**
 * Admit a waiting joiner: resume them (the moderator's command), then, with mute on
 * entry on, mute them as the policy unless they are a speaker, as if they had only
 * now entered the room.
 */
export async function admit(ctx: AuditContext, conferenceId: string, callId: string): Promise<CommandReply> {
  const d = await db();
  const waiting = (await listLobbyWaiting(d, conferenceId)).find((w) => w.callId === callId);
  const reply = await manageParticipant(ctx, conferenceId, callId, { command: "resume" }, waiting?.cli);
  policyWatcher.release(conferenceId, callId);
  await removeLobbyWaiting(d, conferenceId, callId);
  if ("outcome" in reply) return reply;
  const policy = await loadWatchedPolicy(conferenceId);
  const cli = waiting?.cli ?? (await getLive(conferenceId)).participants.find((p) => p.callId === callId)?.cli;
  if (policy.muteOnEntry.on && cli !== undefined && !policy.speakers.has(cli)) {
    await manageParticipant(
      policyContext("mute on entry", policy.muteOnEntry.setBy),
      conferenceId,
      callId,
      { command: "mute" },
      cli,
    );
  }
  return reply;
}

/** "Mute all except speakers": the bulk mute of everyone, except the speakers in the room now. */
export async function muteExceptSpeakers(ctx: AuditContext, conferenceId: string): Promise<BulkResponse> {
  const speakers = await speakerNumbers(await db(), conferenceId);
  invalidateLive(conferenceId);
  const live = await getLive(conferenceId);
  const except = live.participants.filter((p) => speakers.has(p.cli)).map((p) => p.callId);
  return bulkAction(ctx, conferenceId, { action: "mute", all: true, ...(except.length > 0 ? { except } : {}) });
}
