/**
 * The third outcome of a command, as the browser sees it: Sinch did not answer
 * readably (a timeout, a dropped connection), so Gavel answered 202
 * `{ outcome: "unknown", requestId, message }` and resolves it later from its polls;
 * the live list names what is still unconfirmed and what was resolved lately.
 * Client-safe and pure.
 *
 * The types are the contract's (lib/conferences/schemas.ts); the new fields are read
 * defensively, so a page served before an upgrade keeps working against the new server.
 */
import { commandOf } from "../actions";
import type {
  ConferenceLive,
  OutcomeUnknownReply,
  ReconcileAction,
  ResolvedCommand,
  UnconfirmedCommand,
} from "../types";
import type { PendingChange } from "../view";

export const OUTCOME_ACTIONS = [
  "mute",
  "unmute",
  "hold",
  "resume",
  "kick",
  "kick_all",
] as const satisfies readonly ReconcileAction[];
export type OutcomeAction = ReconcileAction;

/** A 202: the command left Gavel, Sinch did not say whether it was done. */
export type CommandAccepted = OutcomeUnknownReply;
export type { ResolvedCommand, UnconfirmedCommand };

/** The live list as the server answers it once reconciliation is in (fields optional until then). */
export type LiveWithOutcomes = ConferenceLive & {
  unconfirmed?: UnconfirmedCommand[];
  resolved?: ResolvedCommand[];
};

/** A bulk result as the server answers it once `outcome` is in. */
export interface BulkResultOutcome {
  callId: string;
  ok: boolean;
  outcome?: "succeeded" | "failed" | "unknown";
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** Whether an answer is the 202 of a command whose outcome is unknown. */
export function isAccepted(data: unknown): data is CommandAccepted {
  return isRecord(data) && data.outcome === "unknown" && typeof data.requestId === "string";
}

export function unconfirmedOf(live: ConferenceLive | undefined): UnconfirmedCommand[] {
  const list = (live as LiveWithOutcomes | undefined)?.unconfirmed;
  return Array.isArray(list) ? list : [];
}

export function resolvedOf(live: ConferenceLive | undefined): ResolvedCommand[] {
  const list = (live as LiveWithOutcomes | undefined)?.resolved;
  return Array.isArray(list) ? list : [];
}

/** The bulk's per-participant results whose outcome is unknown. */
export function unknownResults<T extends BulkResultOutcome>(results: readonly T[]): T[] {
  return results.filter((r) => r.outcome === "unknown");
}

/** "the mute of", "the kick of": how a toast names what Sinch did not do. */
export const ACTION_NOUN: Record<OutcomeAction, string> = {
  mute: "the mute",
  unmute: "the unmute",
  hold: "the hold",
  resume: "the resume",
  kick: "the kick",
  kick_all: "the end of the meeting",
};

/**
 * What an unconfirmed command stands for on the rows: the same change a pending one
 * makes, marked unconfirmed. A kick_all is not drawn on the rows (the end-meeting
 * summary says it is being checked).
 */
export function unconfirmedChange(
  u: Pick<UnconfirmedCommand, "action" | "callId" | "requestId">,
): PendingChange | null {
  if (!u.callId || u.action === "kick_all") return null;
  if (u.action === "kick") return { kind: "kick", callId: u.callId, unconfirmed: u.requestId };
  return { kind: "command", callId: u.callId, command: commandOf(u.action), unconfirmed: u.requestId };
}

/**
 * One command whose outcome is unknown, as the console tracks it: from this tab's
 * own 202 (or a bulk result `unknown`), or from the server's `unconfirmed` list (the
 * same command seen from another tab, or after a reload). A bulk's items have no
 * request id of their own here: they match by participant and action.
 */
export interface UnconfirmedItem {
  requestId?: string;
  callId: string | null;
  action: OutcomeAction;
  /** What it does to the rows; null for a kick_all. */
  change: PendingChange | null;
  /** Date.now() when Gavel answered 202; 0 for one read from the server's list. */
  answeredAt: number;
}

export function sameCommand(
  item: Pick<UnconfirmedItem, "requestId" | "callId" | "action">,
  entry: Pick<UnconfirmedCommand, "requestId" | "callId" | "action">,
): boolean {
  if (item.requestId) return entry.requestId === item.requestId;
  return entry.callId === item.callId && entry.action === item.action;
}

/** The live list as the browser holds it, with when it arrived. */
type Received = ConferenceLive & { receivedAt: number; requestedAt?: number };

/**
 * Whether this tab's unknown command is still open: not resolved, and either the
 * live list was asked for before the 202 or the server still lists it as unconfirmed. A
 * command that dropped off both lists (resolved more than a minute ago) is closed.
 */
export function stillOpen(item: UnconfirmedItem, live: Received | undefined): boolean {
  if (!live) return true;
  if (resolvedOf(live).some((r) => sameCommand(item, r))) return false;
  // A list asked for before the 202 came may predate the server's record of it.
  if ((live.requestedAt ?? live.receivedAt) < item.answeredAt) return true;
  // A server without reconciliation lists nothing: then only a resolution closes it.
  if (!Array.isArray((live as LiveWithOutcomes).unconfirmed)) return true;
  return unconfirmedOf(live).some((u) => sameCommand(item, u));
}

/** This tab's open unknown commands, then the server's others: one list. */
export function mergeUnconfirmed(mine: readonly UnconfirmedItem[], live: Received | undefined): UnconfirmedItem[] {
  const open = mine.filter((i) => stillOpen(i, live));
  const theirs = unconfirmedOf(live)
    .filter((u) => !mine.some((i) => sameCommand(i, u)))
    .map(
      (u): UnconfirmedItem => ({
        requestId: u.requestId,
        callId: u.callId,
        action: u.action,
        change: unconfirmedChange(u),
        answeredAt: 0,
      }),
    );
  return [...open, ...theirs];
}

/** A 202 as the mutation keeps it: with when it arrived, to compare with the live list's age. */
export type AcceptedAt = CommandAccepted & { answeredAt: number };

/** A command's answer, the 202 stamped with its arrival. */
export function stampAccepted<T>(data: T): Exclude<T, CommandAccepted> | AcceptedAt {
  return isAccepted(data) ? { ...data, answeredAt: Date.now() } : (data as Exclude<T, CommandAccepted>);
}

/** A bulk result Sinch refused (or that never left): not one whose outcome is unknown. */
export function bulkFailed(r: BulkResultOutcome): boolean {
  return !r.ok && r.outcome !== "unknown";
}
