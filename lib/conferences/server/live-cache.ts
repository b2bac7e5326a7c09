/**
 * A coalescing cache of conferences' participant lists: however many people watch a
 * conference, concurrent requests share one upstream fetch (in-flight sharing) and
 * repeated ones are answered from the cache until the next poll window starts,
 * counted from when the fetch started (so viewers polling at staggered moments still
 * make one GET per window). Labels are attached once per fetch, not once per viewer.
 *
 * Each fetched list is published to the subscribers (attendance, the conference
 * record) in their order, after the viewers have their answer: bookkeeping never
 * delays the live list. A subscriber's failure is logged and the next one still
 * runs; `settled()` lets tests and scripts wait for the bookkeeping.
 *
 * Commands: a mute, unmute, hold or resume Sinch confirmed edits the cached list in
 * place, so moderators acting do not multiply GETs; a list whose fetch started
 * before that confirmation is not trusted for that participant, and gets the change
 * laid over it. Anything that changes who is in the room (a kick, a callout, the end
 * of a meeting) or whose outcome is unknown invalidates instead: attendance learns
 * joins and leaves only from lists Sinch gave, so the next poll asks Sinch. After an
 * invalidation the generation moves on, and a fetch that was already in flight may
 * answer its own viewers but never fills the cache.
 *
 * Several instances with Redis: the fetch goes through the shared window
 * (lib/fleet/server/shared-window.ts), so one instance GETs per window and the others
 * take its list (with its fetch times); invalidations and confirmations are passed on
 * to it. Without it, each instance GETs at most once per window.
 *
 * This module knows nothing of Sinch, the database or attendance: what it fetches
 * with, where labels come from and who hears about each list are given to it
 * (live.ts wires the process's one instance).
 */
import { log } from "../../log/logger";
import type { SharedWindow } from "../../fleet/server/shared-window";
import type { ConferenceLive, LiveParticipant, MohClass } from "../schemas";

/** Labels by callId for the callIds given; those without a label are absent. */
export type LabelSource = (callIds: readonly string[]) => Promise<Map<string, string>>;

export interface SnapshotSubscriber {
  /** Names the subscriber in the log when it fails. */
  name: string;
  receive(live: ConferenceLive): Promise<void> | void;
}

export interface LiveCacheDeps {
  fetchParticipants(conferenceId: string): Promise<Omit<LiveParticipant, "label">[]>;
  labels: LabelSource;
  /** Run in this order for each fetched list. */
  subscribers: readonly SnapshotSubscriber[];
  /** The poll window: an answer is reused until this long after its fetch started. */
  windowMs(): number;
  /** Epoch milliseconds; tests move it instead of waiting. */
  now?: () => number;
  /** Several instances: the window shared through Redis (absent: this process's own). */
  shared?: SharedWindow;
}

/** What the cache remembers; kept apart from the functions so one process keeps one state. */
export interface LiveCacheState {
  inflight: Map<string, { generation: number; promise: Promise<ConferenceLive> }>;
  /** `at`: when the fetch that answered started. */
  cache: Map<string, { at: number; value: ConferenceLive }>;
  generation: Map<string, number>;
  /** The latest list fetched per conference, kept past the cache's life and commands: for numbers only. */
  lastKnown: Map<string, ConferenceLive>;
  /** Bookkeeping not finished yet. */
  pending: Set<Promise<void>>;
  /** Changes Sinch confirmed, per conference, until a fetch started after them has answered. */
  confirmed: Map<string, { at: number; change: ConfirmedChange }[]>;
  /** When each conference's generation last moved (an invalidation): its counter is kept until long after. */
  invalidatedAt: Map<string, number>;
  /** When the maps above were last swept of conferences nobody asks about. */
  sweptAt: number;
}

/**
 * How long a conference nobody asks about is remembered (its last list, its counters,
 * its confirmations). Far longer than any fetch can be in flight (the Sinch client's
 * timeout), so forgetting a generation counter cannot let a fetch from before an
 * invalidation fill the cache.
 */
export const LIVE_IDLE_MS = 10 * 60_000;
/** At most this many conferences' last lists are kept; the longest unasked go first. */
export const LIVE_MAX_CONFERENCES = 1000;
const SWEEP_EVERY_MS = 60_000;

/** What a command Sinch confirmed did to one participant. */
export interface ConfirmedChange {
  callId: string;
  muted?: boolean;
  onhold?: boolean;
  /** With `onhold: true`: the music the hold asked for (null: none named). */
  holdMusic?: MohClass | null;
}

/**
 * The participants with the changes laid over them, in order. A hold sets the
 * participant's `holdMusic` (./hold-music.ts), a resume removes it.
 */
export function withChanges<P extends { callId: string; muted: boolean; onhold: boolean }>(
  participants: readonly P[],
  changes: readonly ConfirmedChange[],
): P[] {
  let out = [...participants];
  for (const c of changes) {
    out = out.map((p) => {
      if (p.callId !== c.callId) return p;
      const next: P & { holdMusic?: MohClass | null } = {
        ...p,
        ...(c.muted !== undefined ? { muted: c.muted } : {}),
        ...(c.onhold !== undefined ? { onhold: c.onhold } : {}),
      };
      if (c.onhold === true) next.holdMusic = c.holdMusic ?? null;
      else if (c.onhold === false) delete next.holdMusic;
      return next;
    });
  }
  return out;
}

export function newLiveCacheState(): LiveCacheState {
  return {
    inflight: new Map(),
    cache: new Map(),
    generation: new Map(),
    lastKnown: new Map(),
    pending: new Set(),
    confirmed: new Map(),
    invalidatedAt: new Map(),
    sweptAt: 0,
  };
}

export interface LiveCache {
  /** The conference's participants, fetched at most one window ago. */
  get(conferenceId: string): Promise<ConferenceLive>;
  /**
   * What `get` would answer without starting a fetch: the cached list of the current
   * window, or the fetch in flight for it (its promise), or undefined.
   */
  peek(conferenceId: string): { value: ConferenceLive } | { pending: Promise<ConferenceLive> } | undefined;
  /** Whether a list of this conference was ever fetched (so its id was accepted once). */
  known(conferenceId: string): boolean;
  /** Forget what is known of a conference: the next get fetches again. */
  invalidate(conferenceId: string): void;
  /** A command Sinch confirmed: the cached list shows it at once, and a list fetched meanwhile is corrected. */
  confirm(conferenceId: string, change: ConfirmedChange): void;
  /** A participant's number from the last list fetched, else from a fresh one; null when unknown. */
  participantNumber(conferenceId: string, callId: string): Promise<string | null>;
  /** Resolves when the bookkeeping of every list fetched so far has run. */
  settled(): Promise<void>;
}

export function createLiveCache(deps: LiveCacheDeps, state: LiveCacheState = newLiveCacheState()): LiveCache {
  const now = deps.now ?? Date.now;
  // A state kept by a process from before this field existed (a dev server's reload).
  state.confirmed ??= new Map();
  state.invalidatedAt ??= new Map();
  state.sweptAt ??= 0;
  const generationOf = (conferenceId: string) => state.generation.get(conferenceId) ?? 0;

  async function labelsFor(participants: readonly { callId: string }[], conferenceId: string) {
    if (participants.length === 0) return new Map<string, string>();
    try {
      return await deps.labels(participants.map((p) => p.callId));
    } catch (e) {
      // The live list matters more than its labels: show it without them.
      log("error", "live_labels_failed", { conferenceId, error: String(e) });
      return new Map<string, string>();
    }
  }

  function publish(live: ConferenceLive): void {
    if (deps.subscribers.length === 0) return;
    // After a turn of the event loop: the viewers' answers are written before any
    // bookkeeping runs (its synchronous start included).
    const run = (async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      for (const subscriber of deps.subscribers) {
        try {
          await subscriber.receive(live);
        } catch (e) {
          log("error", "live_subscriber_failed", {
            subscriber: subscriber.name,
            conferenceId: live.conferenceId,
            error: String(e),
          });
        }
      }
    })();
    state.pending.add(run);
    void run.finally(() => state.pending.delete(run));
  }

  /**
   * The changes confirmed since `startedAt` (a list fetched from then may predate
   * them); older ones are forgotten, as a list fetched after them shows them itself.
   */
  function changesSince(conferenceId: string, startedAt: number): ConfirmedChange[] {
    const kept = (state.confirmed.get(conferenceId) ?? []).filter((c) => c.at >= startedAt);
    if (kept.length > 0) state.confirmed.set(conferenceId, kept);
    else state.confirmed.delete(conferenceId);
    return kept.map((c) => c.change);
  }

  async function fetchLive(conferenceId: string, generation: number): Promise<ConferenceLive> {
    let startedAt = now();
    let fetched: Omit<LiveParticipant, "label">[];
    // Taken when Sinch answered: attendance derives join times from it.
    let fetchedAt: string;
    if (deps.shared) {
      const list = await deps.shared.fetch(conferenceId, deps.windowMs(), () => deps.fetchParticipants(conferenceId));
      ({ startedAt, participants: fetched } = list);
      fetchedAt = new Date(list.fetchedAt).toISOString();
    } else {
      fetched = await deps.fetchParticipants(conferenceId);
      fetchedAt = new Date(now()).toISOString();
    }
    const participants = withChanges(fetched, changesSince(conferenceId, startedAt));
    const labels = await labelsFor(participants, conferenceId);
    const value: ConferenceLive = {
      conferenceId,
      participants: participants.map((p) => ({ ...p, label: labels.get(p.callId) ?? null })),
      fetchedAt,
    };
    // Deleted first so the map's order stays least recently fetched first (sweep).
    state.lastKnown.delete(conferenceId);
    state.lastKnown.set(conferenceId, value);
    // The room may have changed in ways Gavel cannot lay over a list while this fetch
    // was in flight (an invalidation); only a fetch from the current generation may
    // fill the cache, until the window after its start is over.
    if (generationOf(conferenceId) === generation) state.cache.set(conferenceId, { at: startedAt, value });
    publish(value);
    sweep();
    return value;
  }

  /**
   * Forgets conferences nobody has asked about for LIVE_IDLE_MS, and the least recently
   * fetched past LIVE_MAX_CONFERENCES: without it every conference ever polled would
   * keep its last list, counter and confirmations for the life of the process.
   */
  function sweep(): void {
    const t = now();
    if (t - state.sweptAt < SWEEP_EVERY_MS && state.lastKnown.size <= LIVE_MAX_CONFERENCES) return;
    state.sweptAt = t;
    for (const [id, c] of state.cache) if (t - c.at >= deps.windowMs()) state.cache.delete(id);
    for (const [id, list] of state.confirmed)
      if (list.every((c) => t - c.at >= LIVE_IDLE_MS)) state.confirmed.delete(id);
    for (const [id, v] of state.lastKnown) if (t - Date.parse(v.fetchedAt) >= LIVE_IDLE_MS) state.lastKnown.delete(id);
    for (const id of state.lastKnown.keys()) {
      if (state.lastKnown.size <= LIVE_MAX_CONFERENCES) break;
      state.lastKnown.delete(id);
    }
    for (const [id, at] of state.invalidatedAt) {
      if (t - at < LIVE_IDLE_MS || state.inflight.has(id)) continue;
      state.invalidatedAt.delete(id);
      state.generation.delete(id);
    }
  }

  function get(conferenceId: string): Promise<ConferenceLive> {
    const cached = state.cache.get(conferenceId);
    if (cached && now() - cached.at < deps.windowMs()) return Promise.resolve(cached.value);
    const generation = generationOf(conferenceId);
    const running = state.inflight.get(conferenceId);
    if (running && running.generation === generation) return running.promise;
    const promise = fetchLive(conferenceId, generation).finally(() => {
      if (state.inflight.get(conferenceId)?.promise === promise) state.inflight.delete(conferenceId);
    });
    state.inflight.set(conferenceId, { generation, promise });
    return promise;
  }

  function peek(conferenceId: string) {
    const cached = state.cache.get(conferenceId);
    if (cached && now() - cached.at < deps.windowMs()) return { value: cached.value };
    const running = state.inflight.get(conferenceId);
    if (running && running.generation === generationOf(conferenceId)) return { pending: running.promise };
    return undefined;
  }

  function invalidate(conferenceId: string): void {
    state.generation.set(conferenceId, generationOf(conferenceId) + 1);
    state.invalidatedAt.set(conferenceId, now());
    state.cache.delete(conferenceId);
    state.inflight.delete(conferenceId);
    deps.shared?.invalidate(conferenceId, deps.windowMs());
  }

  function confirm(conferenceId: string, change: ConfirmedChange): void {
    const list = state.confirmed.get(conferenceId) ?? [];
    list.push({ at: now(), change });
    state.confirmed.set(conferenceId, list);
    const cached = state.cache.get(conferenceId);
    if (cached) {
      const value = { ...cached.value, participants: withChanges(cached.value.participants, [change]) };
      state.cache.set(conferenceId, { at: cached.at, value });
    }
    deps.shared?.patch<Omit<LiveParticipant, "label">>(conferenceId, (ps) => withChanges(ps, [change]));
  }

  async function participantNumber(conferenceId: string, callId: string): Promise<string | null> {
    const known = state.lastKnown.get(conferenceId)?.participants.find((p) => p.callId === callId);
    if (known) return known.cli;
    try {
      return (await get(conferenceId)).participants.find((p) => p.callId === callId)?.cli ?? null;
    } catch {
      return null;
    }
  }

  async function settled(): Promise<void> {
    // Bookkeeping may start while we wait (another poll): wait until none is left.
    while (state.pending.size > 0) await Promise.all([...state.pending]);
  }

  return { get, peek, known: (id) => state.lastKnown.has(id), invalidate, confirm, participantNumber, settled };
}
