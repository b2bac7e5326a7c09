/**
 * Coalesced polling of Sinch's conference info. However many people watch a
 * conference, concurrent requests share one upstream GET (in-flight sharing) and
 * repeated ones within a poll window are answered from a cache that lives a little
 * less than the window. A command on a conference invalidates its entry so the
 * next poll shows the change.
 */
import "server-only";
import { config } from "../../config/env";
import { sinchClient } from "../../sinch/server/client";
import type { ConferenceLive } from "../schemas";
import { afterSnapshot } from "./snapshot-hooks";

interface State {
  inflight: Map<string, { generation: number; promise: Promise<ConferenceLive> }>;
  cache: Map<string, { at: number; value: ConferenceLive }>;
  generation: Map<string, number>;
}

// Kept on globalThis so Next's dev reloads do not split the cache in two.
const g = globalThis as typeof globalThis & { __gavelLive?: State };
const state: State = (g.__gavelLive ??= { inflight: new Map(), cache: new Map(), generation: new Map() });
const gk = globalThis as typeof globalThis & { __gavelLastKnown?: Map<string, ConferenceLive> };
/** The latest list fetched per conference, kept past the cache's life and commands: for numbers only. */
const lastKnown = (gk.__gavelLastKnown ??= new Map<string, ConferenceLive>());

/** How long an answer is reused: a little less than the poll window. */
export function cacheTtlMs(): number {
  return Math.floor(config().GAVEL_POLL_INTERVAL_MS * 0.9);
}

async function fetchLive(conferenceId: string, generation: number): Promise<ConferenceLive> {
  const participants = await sinchClient().getConference(conferenceId);
  const value: ConferenceLive = {
    conferenceId,
    participants: participants.map((p) => ({ ...p, label: null })),
    fetchedAt: new Date().toISOString(),
  };
  lastKnown.set(conferenceId, value);
  // A command may have changed the room while this GET was in flight; only a
  // fetch from the current generation may fill the cache.
  if ((state.generation.get(conferenceId) ?? 0) === generation) {
    state.cache.set(conferenceId, { at: Date.now(), value });
  }
  await afterSnapshot(value);
  return value;
}

/** The conference's participants as Sinch sees them, at most one poll window old. */
export async function getLive(conferenceId: string): Promise<ConferenceLive> {
  const cached = state.cache.get(conferenceId);
  if (cached && Date.now() - cached.at < cacheTtlMs()) return cached.value;
  const generation = state.generation.get(conferenceId) ?? 0;
  const running = state.inflight.get(conferenceId);
  if (running && running.generation === generation) return running.promise;
  const promise = fetchLive(conferenceId, generation).finally(() => {
    if (state.inflight.get(conferenceId)?.promise === promise) state.inflight.delete(conferenceId);
  });
  state.inflight.set(conferenceId, { generation, promise });
  return promise;
}

/** Forget what is known of a conference: the next getLive asks Sinch again. */
export function invalidateLive(conferenceId: string): void {
  state.generation.set(conferenceId, (state.generation.get(conferenceId) ?? 0) + 1);
  state.cache.delete(conferenceId);
  state.inflight.delete(conferenceId);
}

/**
 * A participant's number for audit rows and messages. A command's target was on the
 * list the moderator clicked in, so the last list fetched knows it, and a mute does
 * not wait for another GET to Sinch; only an unknown callId asks Sinch again.
 */
export async function participantNumber(conferenceId: string, callId: string): Promise<string | null> {
  const known = lastKnown.get(conferenceId)?.participants.find((p) => p.callId === callId);
  if (known) return known.cli;
  try {
    return (await getLive(conferenceId)).participants.find((p) => p.callId === callId)?.cli ?? null;
  } catch {
    return null;
  }
}
