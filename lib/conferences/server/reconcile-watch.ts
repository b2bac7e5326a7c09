/**
 * What Gavel waits to see in a room: each command whose outcome is unknown (and
 * each callout whose placement is unknown) is an expectation, decided from the
 * participant lists Gavel fetches. The state matches → confirmed; no match on a
 * list taken three poll windows after the first successful list that followed the
 * command → not applied. Counting from the first successful list, not from the
 * command, means a Sinch that stays down meanwhile never turns into "not applied".
 *
 * Lists arrive from the poll cache (live.ts publishes every list it fetches here)
 * and from the reconciler's own polling (./reconcile.ts). This module holds the
 * process's state and imports neither, so live.ts can feed it without a circle.
 */
import "server-only";
import { config } from "../../config/env";
import { log } from "../../log/logger";
import { reportWatchers } from "../../metrics/server/registry";
import { processSingleton } from "../../util/server/process-singleton";
import type { ConferenceLive, ReconcileAction, ReconcileState } from "../schemas";

/** Poll windows, counted from the first successful list after the command, before "not applied". */
export const WINDOWS_BEFORE_NOT_APPLIED = 3;
/** How long a resolution stays in the participants GET, so every open page shows it once. */
export const RESOLVED_KEPT_MS = 60_000;

export interface Expectation {
  /** Unique per expectation (an audit id, a callout id). */
  key: string;
  conferenceId: string;
  /** Epoch ms when the command was sent: lists fetched before say nothing about it. */
  at: number;
  /** Shown in the participants GET when set; callouts are shown through their own list. */
  command?: { requestId: string; action: ReconcileAction; callId: string | null };
  /** A note ("seen muted in Sinch's list at …") when the list shows the command's effect, else null. */
  seen(live: ConferenceLive): string | null;
  /** Why it was not applied, for the note, from the last list. */
  notSeen(live: ConferenceLive): string;
  /** Records the decision; its failure is logged and the decision stands. */
  decide(outcome: "succeeded" | "failed", note: string, at: number): Promise<void>;
}

interface Watching {
  expectation: Expectation;
  /** fetchedAt (ms) of the first successful list after the command. */
  firstListAt: number | null;
}

interface Resolved {
  requestId: string;
  action: ReconcileAction;
  callId: string | null;
  outcome: "succeeded" | "failed";
  decidedAt: number;
  note: string;
}

interface WatchState {
  watching: Map<string, Map<string, Watching>>;
  resolved: Map<string, Resolved[]>;
  /** Decisions being written (tests wait for them). */
  pending: Set<Promise<void>>;
}

const state = processSingleton(
  "reconcileWatch",
  (): WatchState => ({ watching: new Map(), resolved: new Map(), pending: new Set() }),
);

// The metrics' active watchers: commands whose outcome is being reconciled.
reportWatchers("reconciler", () => [...state.watching.values()].reduce((n, room) => n + room.size, 0));

export function watch(expectation: Expectation): void {
  const room = state.watching.get(expectation.conferenceId) ?? new Map<string, Watching>();
  if (room.has(expectation.key)) return;
  room.set(expectation.key, { expectation, firstListAt: null });
  state.watching.set(expectation.conferenceId, room);
}

export function isWatching(key: string): boolean {
  for (const room of state.watching.values()) if (room.has(key)) return true;
  return false;
}

/** The conferences with something still unresolved. */
export function watchedConferences(): string[] {
  return [...state.watching.keys()];
}

function settle(conferenceId: string, w: Watching, outcome: "succeeded" | "failed", note: string, at: number): void {
  state.watching.get(conferenceId)?.delete(w.expectation.key);
  if (state.watching.get(conferenceId)?.size === 0) state.watching.delete(conferenceId);
  const { command } = w.expectation;
  if (command) {
    const list = state.resolved.get(conferenceId) ?? [];
    list.push({ ...command, outcome, decidedAt: at, note });
    state.resolved.set(conferenceId, list);
  }
  const run = w.expectation.decide(outcome, note, at).catch((e: unknown) => {
    log("error", "reconcile_decision_write_failed", { conferenceId, key: w.expectation.key, error: String(e) });
  });
  state.pending.add(run);
  void run.finally(() => state.pending.delete(run));
}

/** Decides what the list shows; a snapshot subscriber of the poll cache. */
export function observe(live: ConferenceLive): void {
  const room = state.watching.get(live.conferenceId);
  if (!room) return;
  const fetchedAt = Date.parse(live.fetchedAt);
  const windowMs = config().GAVEL_POLL_INTERVAL_MS;
  for (const w of [...room.values()]) {
    if (fetchedAt <= w.expectation.at) continue;
    const seen = w.expectation.seen(live);
    if (seen !== null) {
      settle(live.conferenceId, w, "succeeded", seen, fetchedAt);
      continue;
    }
    w.firstListAt ??= fetchedAt;
    if (fetchedAt - w.firstListAt >= WINDOWS_BEFORE_NOT_APPLIED * windowMs) {
      settle(
        live.conferenceId,
        w,
        "failed",
        `not applied: ${w.expectation.notSeen(live)} at ${live.fetchedAt}`,
        fetchedAt,
      );
    }
  }
}

function prune(now: number): void {
  for (const [conferenceId, list] of state.resolved) {
    const kept = list.filter((r) => now - r.decidedAt < RESOLVED_KEPT_MS);
    if (kept.length === 0) state.resolved.delete(conferenceId);
    else state.resolved.set(conferenceId, kept);
  }
}

/** Commands not confirmed yet and those decided in the last minute, for the participants GET. */
export function reconcileState(conferenceId: string, now = Date.now()): ReconcileState {
  prune(now);
  const unconfirmed = [...(state.watching.get(conferenceId)?.values() ?? [])].flatMap(({ expectation: e }) =>
    e.command ? [{ ...e.command, since: new Date(e.at).toISOString() }] : [],
  );
  const resolved = (state.resolved.get(conferenceId) ?? []).map((r) => ({
    ...r,
    decidedAt: new Date(r.decidedAt).toISOString(),
  }));
  return { unconfirmed, resolved };
}

/** Resolves when every decision taken so far has been written (tests). */
export async function decisionsWritten(): Promise<void> {
  while (state.pending.size > 0) await Promise.all([...state.pending]);
}

/** Drops resolutions older than RESOLVED_KEPT_MS; true while some are still kept. */
export function pruneResolved(now = Date.now()): boolean {
  prune(now);
  return state.resolved.size > 0;
}
