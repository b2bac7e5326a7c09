/**
 * Join and leave awareness in the browser, from successive polled lists: who is new
 * since the last list (by callId), who is gone, which rows to highlight, and the
 * throttled sentence a screen reader hears. Pure and client-safe; the hook that feeds
 * it polls and plays the cues (lib/conferences/client/presence.ts).
 *
 * - The first list this page sees is the baseline: nobody in it "joined" (they were
 *   there when the viewer opened the page).
 * - The same list again (a 304 answered from the cache, a re-render) or a list with
 *   the same callIds (a mute confirmed, durations moved on) changes nothing.
 * - A callId that left and comes back is a join again.
 * - Joins seen while the tab is hidden wait to be highlighted until it is visible
 *   (a highlight that ran out in a hidden tab would tell the returning viewer nothing),
 *   and are counted for the tab's title.
 */
import type { LiveParticipant } from "./types";

/** How long a new row stays highlighted (the CSS animation's length, app/globals.css). */
export const HIGHLIGHT_MS = 4000;
/**
 * A highlighted row keeps its mark until a poll this long after it joined: the
 * animation has ended by then, and dropping the mark re-renders that row only.
 */
export const HIGHLIGHT_KEEP_MS = 3 * HIGHLIGHT_MS;
/** At most one spoken announcement (and one sound, one notification) this often. */
export const ANNOUNCE_GAP_MS = 5000;

export interface PresenceChange {
  /** Bumped on every list that brought a join or a leave. */
  seq: number;
  joined: readonly LiveParticipant[];
  left: readonly LiveParticipant[];
}

export interface PresenceView {
  /** CallIds to highlight (the same Set while it does not change). */
  joinedIds: ReadonlySet<string>;
  /** The last list's joins and leaves. */
  change: PresenceChange;
  /** Joins seen while the tab was hidden and not yet shown (the tab title counts them). */
  joinedWhileHidden: number;
}

const NO_IDS: ReadonlySet<string> = new Set();

/**
 * Whether two lists hold the same calls (whatever their state). Sinch lists a room's
 * calls in the same order poll after poll, so that is compared first, with nothing
 * allocated: a poll in a 500-row room otherwise built a set or a map of 500 ids here
 * and in follow-live.ts, for a list that only had a mute in it.
 */
export function sameMembers(
  a: readonly LiveParticipant[] | undefined | null,
  b: readonly LiveParticipant[] | undefined | null,
): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i]!.callId === b[i]!.callId) i++;
  if (i === a.length) return true;
  const ids = new Set(a.map((p) => p.callId));
  return b.every((p) => ids.has(p.callId));
}

/**
 * One per console. `update` is called during render with the polled list (React may
 * call it twice with the same arguments; the second call changes nothing).
 */
export class PresenceTracker {
  private list: readonly LiveParticipant[] | null = null;
  /** callId → when its highlight started (the poll's receivedAt). */
  private marked = new Map<string, number>();
  private hiddenJoins = new Set<string>();
  private view: PresenceView = { joinedIds: NO_IDS, change: { seq: 0, joined: [], left: [] }, joinedWhileHidden: 0 };

  /**
   * @param list the polled list (raw, before pending commands are laid over it)
   * @param at when this browser received it (Date.now())
   * @param visible whether the tab is visible now
   */
  update(list: readonly LiveParticipant[], at: number, visible: boolean): PresenceView {
    let change = this.view.change;
    let marksChanged = false;
    if (list !== this.list) {
      const prev = this.list;
      this.list = list;
      if (prev && !sameMembers(prev, list)) {
        const before = new Set(prev.map((p) => p.callId));
        const now = new Set(list.map((p) => p.callId));
        const joined = list.filter((p) => !before.has(p.callId));
        const left = prev.filter((p) => !now.has(p.callId));
        change = { seq: change.seq + 1, joined, left };
        for (const p of joined) {
          if (visible) this.marked.set(p.callId, at);
          else this.hiddenJoins.add(p.callId);
        }
        for (const p of left) {
          marksChanged = this.marked.delete(p.callId) || marksChanged;
          this.hiddenJoins.delete(p.callId);
        }
        marksChanged = marksChanged || (visible && joined.length > 0);
      }
      for (const [callId, since] of this.marked) {
        if (at - since >= HIGHLIGHT_KEEP_MS) marksChanged = this.marked.delete(callId) || marksChanged;
      }
    }
    if (visible && this.hiddenJoins.size > 0) {
      for (const callId of this.hiddenJoins) this.marked.set(callId, at);
      this.hiddenJoins.clear();
      marksChanged = true;
    }
    const joinedIds = marksChanged ? (this.marked.size ? new Set(this.marked.keys()) : NO_IDS) : this.view.joinedIds;
    const joinedWhileHidden = this.hiddenJoins.size;
    if (
      joinedIds !== this.view.joinedIds ||
      change !== this.view.change ||
      joinedWhileHidden !== this.view.joinedWhileHidden
    ) {
      this.view = { joinedIds, change, joinedWhileHidden };
    }
    return this.view;
  }
}

/** "Ann", "Ann and Bob", "Ann, Bob and Cy", "Ann, Bob, Cy and 197 others". */
function nameList(names: readonly string[]): string {
  const shown = names.slice(0, 3);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(", ")} and ${rest} ${rest === 1 ? "other" : "others"}`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

/** "Ann joined." / "3 joined: Ann, Bob and Cy. Dan left." */
export function presenceSentence(joined: readonly string[], left: readonly string[]): string {
  const part = (names: readonly string[], verb: string) =>
    names.length === 1 ? `${names[0]} ${verb}.` : `${names.length} ${verb}: ${nameList(names)}.`;
  const parts: string[] = [];
  if (joined.length > 0) parts.push(part(joined, "joined"));
  if (left.length > 0) parts.push(part(left, "left"));
  return parts.join(" ");
}

/** What one announcement says, and whether it carries joins (for the sound's tone). */
export interface Announcement {
  text: string;
  joined: number;
  left: number;
}

/**
 * Gathers joins and leaves and lets one announcement out per ANNOUNCE_GAP_MS, so a
 * 200-person join storm is one sentence ("200 joined: Ann, Bob, Cy and 197 others"),
 * not 200. A name that joined and then left while waiting is said once for each.
 */
export class AnnounceThrottle {
  private joined: string[] = [];
  private left: string[] = [];
  private lastAt = -Infinity;

  constructor(private readonly gapMs = ANNOUNCE_GAP_MS) {}

  add(joined: readonly string[], left: readonly string[]): void {
    this.joined.push(...joined);
    this.left.push(...left);
  }

  /** The announcement due now, or null (nothing waiting, or too soon: ask again at dueAt()). */
  take(now: number): Announcement | null {
    if (this.joined.length === 0 && this.left.length === 0) return null;
    if (now - this.lastAt < this.gapMs) return null;
    const a = { text: presenceSentence(this.joined, this.left), joined: this.joined.length, left: this.left.length };
    this.joined = [];
    this.left = [];
    this.lastAt = now;
    return a;
  }

  /** When the waiting announcement may go out; null when nothing waits. */
  dueAt(): number | null {
    if (this.joined.length === 0 && this.left.length === 0) return null;
    return this.lastAt + this.gapMs;
  }
}
