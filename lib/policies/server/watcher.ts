/**
 * The room policies watcher (issue 13, item 6): while a room has a policy on, it
 * reads the room's participant list once per poll window, whether or not anyone has
 * the page open, and acts on joiners it has not seen before:
 * - lobby on: the joiner is put on hold with the lobby's music and listed as waiting
 *   (speakers skip the lobby: they are who the room waits for);
 * - else mute on entry on: the joiner is muted, unless a speaker or muted already.
 * The first list after a start only teaches the watcher who is there: people already
 * in the room are never touched. It stops when nobody has been in the room for the
 * idle time (and nobody is waiting), or when no policy is on and nobody is waiting.
 *
 * The list comes through the poll cache (`getLive`), so the watcher and the room's
 * viewers share one GET per window.
 *
 * Several instances: each round first holds the room's lease (`lease`, wired to
 * lib/fleet/server/leases.ts as "policy:<conferenceId>"). An instance that does not
 * hold it stands by: it neither reads the list nor acts, and never stops for idleness
 * (the holder decides that). When it takes the room over from a holder that died, its
 * first list acts on those who joined after that holder last renewed the lease, so a
 * joiner in between is still muted or held (one already muted or on hold is left so). What it reads, how it acts and its clock are
 * given to it (./watch.ts wires the process's one instance), so the tests drive it
 * against the emulator with fake timers.
 */
import "server-only";
import { log } from "../../log/logger";
import { mapWithConcurrency } from "../../util/pool";
import type { ConferenceLive, LiveParticipant } from "../../conferences/types";
import type { MohClass } from "../types";

/** A policy as the watcher acts on it: who set it names the actor in the audit trail. */
export interface WatchedPolicy {
  muteOnEntry: { on: boolean; setBy: string | null };
  lobby: { on: boolean; moh: MohClass; setBy: string | null };
  /** The speakers' numbers now (E.164). */
  speakers: ReadonlySet<string>;
}

type Target = Pick<LiveParticipant, "callId" | "cli">;

export interface PolicyWatcherDeps {
  getLive(conferenceId: string): Promise<ConferenceLive>;
  loadPolicy(conferenceId: string): Promise<WatchedPolicy>;
  /** Sends the mute; resolves when Sinch confirmed it or its outcome is unknown, throws when refused. */
  mute(conferenceId: string, p: Target, setBy: string | null): Promise<void>;
  hold(conferenceId: string, p: Target, moh: MohClass, setBy: string | null): Promise<void>;
  windowMs(): number;
  /** How long the room may stay empty before the watcher stops. */
  idleStopMs(): number;
  /** Commands sent at once for a crowd of joiners. */
  concurrency(): number;
  now?: () => number;
  /** Several instances: whether this one runs the room's round now (absent: always). */
  lease?(conferenceId: string): Promise<{ held: boolean; takenOverFrom?: { renewedAt: number } | null }>;
  /** The watch stopped here: give the room's lease up. */
  releaseLease?(conferenceId: string): void;
}

export interface WaitingEntry {
  callId: string;
  cli: string;
  /** Epoch ms the lobby held them. */
  since: number;
}

interface RoomWatch {
  timer: ReturnType<typeof setInterval>;
  /** Who the watcher has seen in the room; null until its first list. */
  seen: Set<string> | null;
  /** When someone was last in the room (or the watch started). */
  occupiedAt: number;
  waiting: Map<string, WaitingEntry>;
  /** The round in flight, if any: a slow round is never doubled. */
  round: Promise<void> | null;
  /** Taken over from another instance: joiners after this (epoch ms) are acted on in the first list. */
  handoverAt?: number;
}

export interface PolicyWatcher {
  /** Starts watching (no-op when already watching); resolves after the first round. */
  start(conferenceId: string): Promise<void>;
  stop(conferenceId: string): void;
  /** One round now (the timer's own; tests call it too). */
  tick(conferenceId: string): Promise<void>;
  watching(conferenceId: string): boolean;
  rooms(): string[];
  waiting(conferenceId: string): WaitingEntry[];
  /** The joiner left the lobby (admitted, turned away): no longer listed. */
  release(conferenceId: string, callId: string): void;
  stopAll(): void;
}

export function createPolicyWatcher(deps: PolicyWatcherDeps, rooms = new Map<string, RoomWatch>()): PolicyWatcher {
  const now = deps.now ?? Date.now;

  function stop(conferenceId: string): void {
    const room = rooms.get(conferenceId);
    if (!room) return;
    clearInterval(room.timer);
    rooms.delete(conferenceId);
    deps.releaseLease?.(conferenceId);
    log("info", "policy_watch_stopped", { conferenceId });
  }

  async function act(conferenceId: string, room: RoomWatch, joiners: LiveParticipant[], policy: WatchedPolicy) {
    await mapWithConcurrency(joiners, Math.max(1, deps.concurrency()), async (p) => {
      const speaker = policy.speakers.has(p.cli);
      try {
        if (policy.lobby.on && !speaker) {
          await deps.hold(conferenceId, p, policy.lobby.moh, policy.lobby.setBy);
          room.waiting.set(p.callId, { callId: p.callId, cli: p.cli, since: now() });
        } else if (policy.muteOnEntry.on && !speaker && !p.muted) {
          await deps.mute(conferenceId, p, policy.muteOnEntry.setBy);
        }
      } catch (e) {
        // Refused (the joiner left, Sinch said no): audited as failed; the next joiner still gets its turn.
        log("warn", "policy_action_failed", { conferenceId, callId: p.callId, error: String(e) });
      }
    });
  }

  async function round(conferenceId: string, room: RoomWatch): Promise<void> {
    if (deps.lease) {
      const lease = await deps.lease(conferenceId);
      if (!lease.held) {
        // Another instance watches the room: stand by, and learn the room afresh if this one takes it.
        room.seen = null;
        room.handoverAt = undefined;
        room.occupiedAt = now();
        return;
      }
      if (lease.takenOverFrom) room.handoverAt = lease.takenOverFrom.renewedAt;
    }
    let live: ConferenceLive;
    try {
      live = await deps.getLive(conferenceId);
    } catch (e) {
      log("warn", "policy_watch_poll_failed", { conferenceId, error: String(e) });
      return stopIfIdle(conferenceId, room);
    }
    const present = new Map(live.participants.map((p) => [p.callId, p]));
    for (const [callId] of room.waiting) {
      if (!present.get(callId)?.onhold) room.waiting.delete(callId);
    }
    if (live.participants.length > 0) room.occupiedAt = now();
    if (room.seen === null && room.handoverAt === undefined) {
      // Those already in the room when the watch starts are left as they are.
      room.seen = new Set(present.keys());
      return stopIfIdle(conferenceId, room);
    }
    const seen = room.seen ?? joinedBy(live, room.handoverAt ?? 0, room);
    room.handoverAt = undefined;
    const joiners = live.participants.filter((p) => !seen.has(p.callId));
    // Kept to who is present, so memory follows the room and not its history.
    room.seen = new Set(present.keys());
    const policy = await deps.loadPolicy(conferenceId);
    if (joiners.length > 0 && (policy.lobby.on || policy.muteOnEntry.on)) {
      await act(conferenceId, room, joiners, policy);
    }
    if (!policy.lobby.on && !policy.muteOnEntry.on && room.waiting.size === 0) return stop(conferenceId);
    stopIfIdle(conferenceId, room);
  }

  /**
   * After a take-over: who was in the room by `at` (the previous holder dealt with
   * them), and those since then already muted or on hold (dealt with too, or by a
   * moderator), so only the joiners nobody handled remain.
   */
  function joinedBy(live: ConferenceLive, at: number, room: RoomWatch): Set<string> {
    const fetched = Date.parse(live.fetchedAt);
    const seen = new Set<string>();
    for (const p of live.participants) {
      const joinedAt = fetched - p.duration * 1000;
      if (joinedAt <= at || p.onhold || p.muted) seen.add(p.callId);
      if (p.onhold && joinedAt > at) room.waiting.set(p.callId, { callId: p.callId, cli: p.cli, since: joinedAt });
    }
    return seen;
  }

  function stopIfIdle(conferenceId: string, room: RoomWatch): void {
    if (room.waiting.size === 0 && now() - room.occupiedAt >= deps.idleStopMs()) stop(conferenceId);
  }

  function tick(conferenceId: string): Promise<void> {
    const room = rooms.get(conferenceId);
    if (!room) return Promise.resolve();
    if (room.round) return room.round;
    const r = round(conferenceId, room)
      .catch((e: unknown) => log("error", "policy_watch_failed", { conferenceId, error: String(e) }))
      .finally(() => {
        room.round = null;
      });
    room.round = r;
    return r;
  }

  function start(conferenceId: string): Promise<void> {
    if (rooms.has(conferenceId)) return Promise.resolve();
    const timer = setInterval(() => void tick(conferenceId), deps.windowMs());
    // Never keeps a process (a test, a script) alive on its own.
    timer.unref?.();
    rooms.set(conferenceId, { timer, seen: null, occupiedAt: now(), waiting: new Map(), round: null });
    log("info", "policy_watch_started", { conferenceId });
    return tick(conferenceId);
  }

  return {
    start,
    stop,
    tick,
    watching: (id) => rooms.has(id),
    rooms: () => [...rooms.keys()],
    waiting: (id) => [...(rooms.get(id)?.waiting.values() ?? [])],
    release: (id, callId) => void rooms.get(id)?.waiting.delete(callId),
    stopAll: () => {
      for (const id of [...rooms.keys()]) stop(id);
    },
  };
}
