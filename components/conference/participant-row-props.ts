/**
 * What each participant row is given, and when a row may skip re-rendering: every
 * prop is a value or an object that stays the same while it means the same (the
 * participant from stable-rows.ts, the console's handlers), so a row re-renders only
 * when something it shows changed. Pure, so its unit test can check that a poll
 * changing one participant leaves every other row's props equal.
 */
import type { LiveParticipant, MohClass } from "@/lib/conferences/types";
import type { ShownParticipant } from "@/lib/conferences/stable-rows";
import { isSelected, type Selection } from "@/lib/conferences/view";
import type { RowElements } from "./row-elements";
import type { ParticipantActions } from "./use-participant-actions";

/**
 * What a row (and the keyboard, which acts on the highlighted row) can ask of the
 * console: the participant's actions themselves, and the screen's own. One stable
 * object for every row.
 */
export interface RowHandlers extends ParticipantActions {
  /** Opens the kick confirmation (the kick itself waits for it). */
  requestKick(p: LiveParticipant): void;
  chooseMusic(moh: MohClass): void;
  toggleSelected(callId: string): void;
  focusRow(callId: string): void;
  /** Opens "Name this number" for the participant's number; absent for who may not name callers. */
  requestName?: (p: LiveParticipant) => void;
}

export interface ParticipantRowProps {
  participant: ShownParticipant;
  pending: boolean;
  /**
   * A command Sinch did not answer readably: "unconfirmed" while Gavel checks its
   * polls (the row shows the command's effect meanwhile), "confirmed" a while after
   * Gavel saw it done.
   */
  outcome: "unconfirmed" | "confirmed" | null;
  selected: boolean;
  focused: boolean;
  /** Joined since this page opened, a moment ago: highlighted (a CSS animation ends it, no re-render). */
  joined: boolean;
  selectable: boolean;
  /** Why this person may not control participants; null when they may. */
  controlDenied: string | null;
  moh: MohClass;
  handlers: RowHandlers;
  /** Where the row registers its element, for focus. */
  elements: RowElements;
  /** Virtualised lists: the row's 0-based index, the list's size (for screen readers) and its offset in px. */
  dataIndex?: number;
  setSize?: number;
  offset?: number;
  measureRef?: (el: HTMLLIElement | null) => void;
}

/** What the list knows that decides each row's props. */
export interface RowContext {
  pendingIds: ReadonlySet<string>;
  unconfirmedIds: ReadonlySet<string>;
  confirmedIds: ReadonlySet<string>;
  selection: Selection;
  focusedId: string | null;
  /** Rows to highlight as new (lib/conferences/presence.ts). */
  joinedIds: ReadonlySet<string>;
  selectable: boolean;
  controlDenied: string | null;
  moh: MohClass;
  handlers: RowHandlers;
  elements: RowElements;
}

/** One row's props, every one a value or a stable object. */
export function rowProps(p: ShownParticipant, c: RowContext): ParticipantRowProps {
  return {
    participant: p,
    pending: c.pendingIds.has(p.callId),
    outcome: c.unconfirmedIds.has(p.callId) ? "unconfirmed" : c.confirmedIds.has(p.callId) ? "confirmed" : null,
    selected: c.selectable && isSelected(c.selection, p.callId),
    focused: c.focusedId === p.callId,
    joined: c.joinedIds.has(p.callId),
    selectable: c.selectable,
    controlDenied: c.controlDenied,
    moh: c.moh,
    handlers: c.handlers,
    elements: c.elements,
  };
}

/** The row's memo comparison: the same props, each compared by identity. */
export function sameRowProps(a: Readonly<ParticipantRowProps>, b: Readonly<ParticipantRowProps>): boolean {
  const keys = Object.keys(a) as (keyof ParticipantRowProps)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.is(a[k], b[k]));
}
