/**
 * The process's one room policies watcher (./watcher.ts), wired: lists through the
 * poll cache shared with the room's viewers, policies and speakers from the database,
 * and every action through the moderation commands (lib/conferences/server/commands.ts),
 * so it is audited like a moderator's, with the policy as the actor: e.g.
 * "policy: mute on entry (set by alice@example.com)".
 *
 * Several instances: a room is watched by the instance holding its lease
 * ("policy:<conferenceId>", lib/fleet/server/leases.ts); others stand by. A lease
 * left to expire (its holder died; a watch that stops gives its lease up) is found by
 * every instance's take-over sweep, which starts a watch for the room here.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { AuditContext } from "../../audit/server/record";
import { config } from "../../config/env";
import { manageParticipant } from "../../conferences/server/commands";
import { getLive, pollWindowMs } from "../../conferences/server/live";
import { db } from "../../db";
import { getRoomPolicy, speakerNumbers } from "../../db/room-policies";
import { log } from "../../log/logger";
import { mohClassSchema } from "../../sinch/schemas";
import { processSingleton } from "../../util/server/process-singleton";
import { fleetLeases } from "../../fleet/server/leases";
import { expiredLeases } from "../../db/fleet-leases";
import { createPolicyWatcher, type WatchedPolicy } from "./watcher";
import { reportWatchers } from "../../metrics/server/registry";

export type PolicyName = "mute on entry" | "lobby";

/** Who acts when a policy does: the policy, naming who set it. */
export function policyContext(policy: PolicyName, setBy: string | null): AuditContext {
  return {
    actor: { id: null, email: `policy: ${policy} (set by ${setBy ?? "unknown"})`, role: null },
    requestId: `policy-${randomUUID()}`,
    clientAddress: "server",
  };
}

export async function loadWatchedPolicy(conferenceId: string): Promise<WatchedPolicy> {
  const d = await db();
  const [policy, speakers] = await Promise.all([getRoomPolicy(d, conferenceId), speakerNumbers(d, conferenceId)]);
  const moh = mohClassSchema.safeParse(policy.lobby.moh);
  return {
    muteOnEntry: { on: policy.muteOnEntry.on, setBy: policy.muteOnEntry.setBy },
    lobby: { on: policy.lobby.on, moh: moh.success ? moh.data : "music1", setBy: policy.lobby.setBy },
    speakers,
  };
}

const POLICY_JOB = "policy:";
const policyJob = (conferenceId: string) => `${POLICY_JOB}${conferenceId}`;

const rooms = processSingleton("policyWatch", () => new Map());
reportWatchers("room_policies", () => rooms.size);

export const policyWatcher = createPolicyWatcher(
  {
    getLive,
    loadPolicy: loadWatchedPolicy,
    async mute(conferenceId, p, setBy) {
      await manageParticipant(
        policyContext("mute on entry", setBy),
        conferenceId,
        p.callId,
        { command: "mute" },
        p.cli,
      );
    },
    async hold(conferenceId, p, moh, setBy) {
      await manageParticipant(policyContext("lobby", setBy), conferenceId, p.callId, { command: "onhold", moh }, p.cli);
    },
    windowMs: pollWindowMs,
    idleStopMs: () => config().GAVEL_POLICY_IDLE_STOP_MINUTES * 60_000,
    concurrency: () => config().GAVEL_BULK_CONCURRENCY,
    lease: (conferenceId) => fleetLeases().hold(policyJob(conferenceId)),
    releaseLease: (conferenceId) => void fleetLeases().release(policyJob(conferenceId)),
  },
  rooms,
);

/** Watches again every room with a policy on (at start-up); resolves when each had its first round. */
export async function startPolicyWatchers(conferenceIds: readonly string[]): Promise<void> {
  await Promise.all(conferenceIds.map((id) => policyWatcher.start(id)));
  log("info", "policy_watchers_started", { rooms: conferenceIds.length });
}

/**
 * Starts a watch for every room whose watcher's instance died (its lease expired
 * without being given up): the first of the instances to ask takes it over.
 */
export async function takeOverPolicyRooms(now = Date.now()): Promise<string[]> {
  const jobs = await expiredLeases(await db(), POLICY_JOB, now);
  const ids = jobs.map((j) => j.slice(POLICY_JOB.length)).filter((id) => !policyWatcher.watching(id));
  await Promise.all(ids.map((id) => policyWatcher.start(id)));
  if (ids.length > 0) log("info", "policy_watchers_taken_over", { rooms: ids.length });
  return ids;
}
