/**
 * Reconciliation: Gavel decides by itself what became of a command Sinch did not
 * answer readably (timeout, connection dropped after sending, a 2xx it cannot read).
 * It watches the room (./reconcile-watch.ts decides from each list) and, while
 * anything is unresolved, polls the room itself through the shared poll cache at
 * the poll interval, so the outcome is the same whether or not a tab stays open.
 * The polling stops when nothing is left to decide.
 */
import "server-only";
import { listUnresolvedAudits, resolveAudit, type UnresolvedAudit } from "../../audit/server/record";
import { config } from "../../config/env";
import { log } from "../../log/logger";
import { processSingleton } from "../../util/server/process-singleton";
import type { ConferenceLive, ReconcileAction } from "../schemas";
import { getLive } from "./live";
import { isWatching, observe, pruneResolved, watch, watchedConferences, type Expectation } from "./reconcile-watch";

export { reconcileState, decisionsWritten } from "./reconcile-watch";

export interface UnknownCommand {
  auditId: string;
  requestId: string;
  conferenceId: string;
  callId: string | null;
  action: ReconcileAction;
  moh?: string;
  /** Epoch ms when the command was sent. */
  at: number;
}

const WHAT: Record<ReconcileAction, { seen: string; notSeen: string }> = {
  mute: { seen: "seen muted", notSeen: "still not muted" },
  unmute: { seen: "seen unmuted", notSeen: "still muted" },
  hold: { seen: "seen on hold", notSeen: "still not on hold" },
  resume: { seen: "seen off hold", notSeen: "still on hold" },
  kick: { seen: "seen gone", notSeen: "still connected" },
  kick_all: { seen: "seen the room empty", notSeen: "the room still has participants" },
};

/** Whether the list shows the command's effect. */
function applied(command: UnknownCommand, live: ConferenceLive): boolean {
  if (command.action === "kick_all") return live.participants.length === 0;
  const p = live.participants.find((x) => x.callId === command.callId);
  switch (command.action) {
    case "kick":
      return p === undefined;
    case "mute":
      return p?.muted === true;
    case "unmute":
      return p?.muted === false;
    case "hold":
      return p?.onhold === true;
    case "resume":
      return p?.onhold === false;
  }
}

/** Registers a command whose outcome is unknown; its audit entry gets the final outcome. */
export function expectUnknown(command: UnknownCommand): void {
  const what = WHAT[command.action];
  expect({
    key: command.auditId,
    conferenceId: command.conferenceId,
    at: command.at,
    command: { requestId: command.requestId, action: command.action, callId: command.callId },
    seen: (live) => (applied(command, live) ? `${what.seen} in Sinch's list at ${live.fetchedAt}` : null),
    notSeen: (live) =>
      command.callId !== null && !live.participants.some((p) => p.callId === command.callId)
        ? "the participant left the call before Sinch's list showed the change"
        : `${what.notSeen} in Sinch's list`,
    decide: (outcome, note, at) => resolveAudit(command.auditId, outcome, { by: "reconciliation", note, at }),
  });
}

/** Watches for any expectation (commands above, callouts whose placement is unknown). */
export function expect(expectation: Expectation): void {
  watch(expectation);
  ensurePolling();
}

/** Whether an expectation with this key is still undecided. */
export function isWatchingOutcome(key: string): boolean {
  return isWatching(key);
}

interface Poller {
  timer: ReturnType<typeof setInterval> | null;
  running: boolean;
}

const poller = processSingleton("reconcilePoller", (): Poller => ({ timer: null, running: false }));

/** One round: a list of every room with something unresolved (shared with viewers through the cache). */
async function pollOnce(): Promise<void> {
  if (poller.running) return;
  poller.running = true;
  try {
    await Promise.all(
      watchedConferences().map(async (conferenceId) => {
        try {
          // The cache publishes a fresh list to observe() itself; a cached one was published already.
          observe(await getLive(conferenceId));
        } catch (e) {
          // Sinch is down or refusing: windows only count from successful lists, so wait.
          log("warn", "reconcile_poll_failed", { conferenceId, error: String(e) });
        }
      }),
    );
  } finally {
    poller.running = false;
    // Ticks on while resolutions are kept, so memory goes back to nothing a minute after the last one.
    if (watchedConferences().length === 0 && !pruneResolved() && poller.timer) {
      clearInterval(poller.timer);
      poller.timer = null;
    }
  }
}

function ensurePolling(): void {
  if (poller.timer) return;
  poller.timer = setInterval(() => void pollOnce(), config().GAVEL_POLL_INTERVAL_MS);
  // Never keeps a process (a test, a script) alive on its own.
  poller.timer.unref?.();
}

const ACTIONS: Record<string, ReconcileAction> = {
  "participant.mute": "mute",
  "participant.unmute": "unmute",
  "participant.hold": "hold",
  "participant.resume": "resume",
  "participant.kick": "kick",
  "conference.kick_all": "kick_all",
};

function fromAudit(a: UnresolvedAudit): UnknownCommand | null {
  const action = ACTIONS[a.action];
  if (!action || !a.conferenceId) return null;
  if (action !== "kick_all" && !a.targetCallId) return null;
  return {
    auditId: a.auditId,
    requestId: a.requestId,
    conferenceId: a.conferenceId,
    callId: a.targetCallId,
    action,
    at: a.at,
  };
}

/**
 * At start-up (after entries left pending by a crash were marked interrupted):
 * every moderation command whose outcome is still unknown is watched again.
 */
export async function startReconciler(opts: { quiet?: boolean } = {}): Promise<number> {
  const unresolved = await listUnresolvedAudits();
  let watched = 0;
  for (const a of unresolved) {
    const command = fromAudit(a);
    if (!command) continue;
    expectUnknown(command);
    watched++;
  }
  // The fleet's recovery pass calls this every half minute: it says so only when there is something.
  if (!opts.quiet || unresolved.length > 0)
    log("info", "reconciler_started", { unresolved: unresolved.length, watched });
  return watched;
}
