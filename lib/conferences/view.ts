/**
 * What the moderation console shows of a live participant list: search, filter,
 * sort, the effect of a command before Sinch confirms it, and bulk selection.
 * Pure and client-safe, so the console and its unit tests share it.
 */
import type { ParticipantCommand } from "../sinch/schemas";
import { commandOf } from "./actions";
import { formatNumber } from "./format";
import { sameMembers } from "./presence";
import type { BulkAction, LiveParticipant, MohClass } from "./types";

export const PARTICIPANT_FILTERS = ["all", "unmuted", "muted", "onhold"] as const;
export type ParticipantFilter = (typeof PARTICIPANT_FILTERS)[number];

export const FILTER_LABELS: Record<ParticipantFilter, string> = {
  all: "All",
  unmuted: "Unmuted",
  muted: "Muted",
  onhold: "On hold",
};

export const PARTICIPANT_SORTS = ["joined", "duration", "number"] as const;
export type ParticipantSort = (typeof PARTICIPANT_SORTS)[number];

export const SORT_LABELS: Record<ParticipantSort, string> = {
  joined: "Join order",
  duration: "Duration",
  number: "Number",
};

const NUMBERISH = /^[\d\s+()./-]+$/;

/** Whether a participant matches the search box: name, number (typed any way), call id or label. */
export function matchesSearch(p: LiveParticipant, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  if (p.callId.toLowerCase().includes(q)) return true;
  if (p.name?.toLowerCase().includes(q)) return true;
  if (p.label?.toLowerCase().includes(q)) return true;
  if (formatNumber(p.cli).toLowerCase().includes(q)) return true;
  if (NUMBERISH.test(q)) {
    const digits = q.replace(/\D/g, "");
    if (digits && p.cli.replace(/\D/g, "").includes(digits)) return true;
  }
  return false;
}

export function matchesFilter(p: LiveParticipant, filter: ParticipantFilter): boolean {
  switch (filter) {
    case "all":
      return true;
    case "unmuted":
      return !p.muted;
    case "muted":
      return p.muted;
    case "onhold":
      return p.onhold;
  }
}

export function filterCounts(participants: readonly LiveParticipant[]): Record<ParticipantFilter, number> {
  const counts = { all: 0, unmuted: 0, muted: 0, onhold: 0 };
  for (const p of participants) {
    counts.all++;
    if (p.muted) counts.muted++;
    else counts.unmuted++;
    if (p.onhold) counts.onhold++;
  }
  return counts;
}

/** What the console's header and side panels read from the live list, in one pass. */
export interface RoomSummary {
  counts: { participants: number; muted: number; onhold: number };
  /** Who is connected by call id, NUL-separated: one string, so it compares by value. */
  callIdsKey: string;
  /** The numbers connected, NUL-separated (who is back, who of the invited is here). */
  presentNumbers: string;
}

function roomCounts(participants: readonly LiveParticipant[]): RoomSummary["counts"] {
  let muted = 0;
  let onhold = 0;
  for (const p of participants) {
    if (p.muted) muted++;
    if (p.onhold) onhold++;
  }
  return { participants: participants.length, muted, onhold };
}

export function roomSummary(participants: readonly LiveParticipant[]): RoomSummary {
  return {
    counts: roomCounts(participants),
    callIdsKey: participants.map((p) => p.callId).join("\u0000"),
    presentNumbers: participants.map((p) => p.cli).join("\u0000"),
  };
}

/**
 * roomSummary over one console's successive lists: while a list holds the same calls
 * as the last (a mute, a hold), only the counts are made again and the keys are the
 * last ones, the same strings. A call's number does not change. In a 500-row room the
 * two keys were 36 kB made per poll for a list that only had a mute in it.
 */
export class RoomSummaries {
  private last: { of: readonly LiveParticipant[]; summary: RoomSummary } | null = null;

  of(participants: readonly LiveParticipant[]): RoomSummary {
    const last = this.last;
    if (last?.of === participants) return last.summary;
    const summary =
      last && sameMembers(last.of, participants)
        ? { ...last.summary, counts: roomCounts(participants) }
        : roomSummary(participants);
    this.last = { of: participants, summary };
    return summary;
  }
}

/**
 * The rows to draw: searched, then filtered, then sorted. "Join order" is the order
 * Sinch lists participants in; ties keep it in every sort (Array.prototype.sort is stable).
 */
export function viewParticipants<P extends LiveParticipant & { joinedAt?: number }>(
  participants: readonly P[],
  { query, filter, sort }: { query: string; filter: ParticipantFilter; sort: ParticipantSort },
): { rows: P[]; counts: Record<ParticipantFilter, number> } {
  // Unfiltered, the rows are the list itself: the same objects, in a new array.
  const searched = query.trim() ? participants.filter((p) => matchesSearch(p, query)) : participants.slice();
  const rows = filter === "all" ? searched.slice() : searched.filter((p) => matchesFilter(p, filter));
  // Longest first: earliest start (rows kept across polls carry a stale `duration`; see stable-rows.ts).
  if (sort === "duration") rows.sort((a, b) => startOf(a) - startOf(b));
  // Digit by digit, so numbers group by country code (a numeric compare would put short numbers first).
  else if (sort === "number") rows.sort((a, b) => compareText(digitsOf(a.cli), digitsOf(b.cli)));
  return { rows, counts: filterCounts(searched) };
}

const startOf = (p: LiveParticipant & { joinedAt?: number }) => p.joinedAt ?? -p.duration * 1000;
const digitsOf = (cli: string) => cli.replace(/\D/g, "");
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A participant after one command, as Sinch will report it once it is done. */
export function applyCommand<P extends LiveParticipant>(p: P, command: ParticipantCommand, moh?: MohClass): P {
  switch (command) {
    case "mute":
      return p.muted ? p : { ...p, muted: true };
    case "unmute":
      return p.muted ? { ...p, muted: false } : p;
    case "onhold": {
      // The music Gavel asks for is the music the row names (Sinch does not report it);
      // a hold whose music this browser does not know leaves a known one alone.
      if (p.onhold && (moh === undefined || p.holdMusic === moh)) return p;
      return { ...p, onhold: true, holdMusic: moh ?? null };
    }
    case "resume": {
      if (!p.onhold) return p;
      const { holdMusic: _dropped, ...rest } = p;
      return { ...rest, onhold: false } as P;
    }
  }
}

/**
 * What a command does to the list. The console lays it over the polled list while
 * the command is on its way to Sinch, and writes it into its cache once Sinch has
 * accepted it (lib/conferences/client/commands.ts). A command Sinch did not answer
 * readably stays laid over the list as the same change, `unconfirmed` (its request
 * id), until Gavel's reconciliation decides (lib/conferences/client/outcomes.ts).
 */
export type PendingChange = (
  | { kind: "command"; callId: string; command: ParticipantCommand; moh?: MohClass }
  | { kind: "kick"; callId: string }
  | { kind: "bulk"; action: BulkAction; targets: readonly string[]; moh?: MohClass }
) & { unconfirmed?: string };

export interface PendingView<P extends LiveParticipant = LiveParticipant> {
  participants: P[];
  /** Rows a command in flight touches ("Waiting for Sinch"). */
  pendingIds: Set<string>;
  /** Rows a command Sinch has not confirmed touches ("Sinch has not confirmed yet"). */
  unconfirmedIds: Set<string>;
}

/**
 * The list with the commands still in flight applied on top, and which rows they
 * touch. A poll that answers while a command is in flight (Sinch had not applied
 * it yet) must not flip the row back and forth: the row shows where it is going.
 * An unconfirmed kick keeps its row (marked), so the moderator sees that the
 * removal is still being checked rather than a row that vanished and may return.
 */
export function applyPending<P extends LiveParticipant>(
  participants: readonly P[],
  pending: readonly PendingChange[],
): PendingView<P> {
  const pendingIds = new Set<string>();
  const unconfirmedIds = new Set<string>();
  if (pending.length === 0) return { participants: participants as P[], pendingIds, unconfirmedIds };
  const removed = new Set<string>();
  const patches = new Map<string, Patch[]>();
  const patch = (callId: string, command: ParticipantCommand, moh?: MohClass) => {
    const list = patches.get(callId) ?? [];
    list.push(moh && command === "onhold" ? { command, moh } : { command });
    patches.set(callId, list);
  };
  for (const change of pending) {
    const marks = change.unconfirmed ? unconfirmedIds : pendingIds;
    if (change.kind === "command") {
      marks.add(change.callId);
      patch(change.callId, change.command, change.moh);
    } else if (change.kind === "kick") {
      if (change.unconfirmed) marks.add(change.callId);
      else removed.add(change.callId);
    } else {
      for (const callId of change.targets) {
        marks.add(callId);
        if (change.action !== "kick") patch(callId, commandOf(change.action), change.moh);
        else if (!change.unconfirmed) removed.add(callId);
      }
    }
  }
  // A row both in flight and unconfirmed (a second click) shows the newer: in flight.
  for (const id of pendingIds) unconfirmedIds.delete(id);
  const out: P[] = [];
  for (const p of participants) {
    if (removed.has(p.callId)) continue;
    const commands = patches.get(p.callId);
    out.push(commands ? patched(p, commands) : p);
  }
  return { participants: out, pendingIds, unconfirmedIds };
}

/**
 * The last overlay of commands on each participant object: laying the same commands
 * over the same participant again (the next poll, another render) gives the same
 * object, so its memoised row does not re-render.
 */
const overlays = new WeakMap<LiveParticipant, { key: string; row: LiveParticipant }>();

/** One command laid over a row, with the music of a hold. */
interface Patch {
  command: ParticipantCommand;
  moh?: MohClass;
}

function patched<P extends LiveParticipant>(p: P, commands: readonly Patch[]): P {
  const key = commands.map((c) => (c.moh ? `${c.command}:${c.moh}` : c.command)).join(",");
  const hit = overlays.get(p);
  if (hit?.key === key) return hit.row as P;
  const row = commands.reduce<P>((row, c) => applyCommand(row, c.command, c.moh), p);
  overlays.set(p, { key, row });
  return row;
}

/** Who a bulk request reaches, resolved against the list the person is looking at. */
export function bulkTargets(
  participants: readonly LiveParticipant[],
  target: { callIds?: readonly string[]; all?: boolean; except?: readonly string[] },
): string[] {
  if (target.all) {
    const except = new Set(target.except ?? []);
    return participants.map((p) => p.callId).filter((id) => !except.has(id));
  }
  const present = new Set(participants.map((p) => p.callId));
  return [...new Set(target.callIds ?? [])].filter((id) => present.has(id));
}

/**
 * Rows chosen for a bulk action. "All" means everyone in the room when the action is
 * sent (so someone who joined a moment ago is included), minus the rows unticked since.
 */
export type Selection = { mode: "ids"; ids: ReadonlySet<string> } | { mode: "all"; except: ReadonlySet<string> };

export const EMPTY_SELECTION: Selection = { mode: "ids", ids: new Set() };

export function isSelected(selection: Selection, callId: string): boolean {
  return selection.mode === "all" ? !selection.except.has(callId) : selection.ids.has(callId);
}

export function toggleSelected(selection: Selection, callId: string): Selection {
  if (selection.mode === "all") {
    const except = new Set(selection.except);
    if (except.has(callId)) except.delete(callId);
    else except.add(callId);
    return { mode: "all", except };
  }
  const ids = new Set(selection.ids);
  if (ids.has(callId)) ids.delete(callId);
  else ids.add(callId);
  return { mode: "ids", ids };
}

/** How many of the people in the room the selection holds. */
export function selectedCount(selection: Selection, participants: readonly LiveParticipant[]): number {
  let n = 0;
  for (const p of participants) if (isSelected(selection, p.callId)) n++;
  return n;
}

/** The bulk request's target for a selection: explicit ids, or all except some. */
export function selectionTarget(
  selection: Selection,
  participants: readonly LiveParticipant[],
): { callIds: string[] } | { all: true; except?: string[] } {
  if (selection.mode === "all") {
    // Only callIds still in the room: someone unticked who has left needs no exception.
    const present = new Set(participants.map((p) => p.callId));
    const except = [...selection.except].filter((id) => present.has(id));
    return except.length ? { all: true, except } : { all: true };
  }
  return { callIds: participants.filter((p) => selection.ids.has(p.callId)).map((p) => p.callId) };
}

/** "23 muted", "1 put on hold"... the summary's verb for each bulk action. */
export const BULK_DONE: Record<BulkAction, string> = {
  mute: "muted",
  unmute: "unmuted",
  hold: "put on hold",
  resume: "resumed",
  kick: "removed",
};

/** "Muting 23…", the progress line's verb. */
export const BULK_DOING: Record<BulkAction, string> = {
  mute: "Muting",
  unmute: "Unmuting",
  hold: "Putting on hold",
  resume: "Resuming",
  kick: "Removing",
};

/** The first 8 characters of a callId, enough to tell rows apart and to quote. */
export function shortCallId(callId: string): string {
  return callId.length > 8 ? callId.slice(0, 8) : callId;
}
