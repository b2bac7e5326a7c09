/**
 * The live list as the console draws it, with each participant's object kept from
 * one poll to the next while nothing about them changed. Sinch's `duration` grows
 * on every poll for everyone, so no two polls' lists compare equal; the console
 * instead derives when each call started (`joinedAt`, in this browser's clock),
 * which stays put, and draws the ticking duration from it. A memoised row then
 * re-renders only when its participant did change. Pure and client-safe.
 */
import type { LiveParticipant } from "./types";

/** A participant as the console draws it: Sinch's fields and when the call started. */
export interface ShownParticipant extends LiveParticipant {
  /**
   * Date.now() (this browser's clock) when the call started: the duration now is
   * `Date.now() - joinedAt`. (`duration` is Sinch's figure when this object was
   * made, and goes stale as the object is kept: read joinedAt.)
   */
  joinedAt: number;
}

/**
 * How far two polls' start times for one call may differ and still be the same
 * start: Sinch counts whole seconds (up to 1 s apart), plus the clock estimate's drift.
 */
export const JOIN_JITTER_MS = 1500;

/** What a poll brought: the list, when Sinch answered it (server clock), when this browser had it. */
export interface PolledList {
  participants: readonly LiveParticipant[];
  /** ISO time Sinch answered (Gavel's server clock; a cached list keeps it). */
  fetchedAt: string;
  /** Date.now() when this browser received it. */
  receivedAt: number;
}

/** Every field of a participant but the duration: what a row is compared by. */
const FIELDS = ["callId", "cli", "muted", "onhold", "label", "name", "holdMusic"] as const;
// A field added to LiveParticipant must be listed above, or rows would miss its changes:
// the type below names it then, and the build fails.
type Unlisted = Exclude<Exclude<keyof LiveParticipant, "duration">, (typeof FIELDS)[number]>;
const _allFieldsListed: [Unlisted] extends [never] ? true : Unlisted = true;

/**
 * Whether two objects for one participant say the same about everything but the
 * duration; a field one has and the other lacks (a contact's name gone) is a
 * difference. Allocates nothing: it runs for every participant on every poll (an
 * `Object.keys` here was the page's largest allocation per poll in a 500-row room).
 */
function sameBut(prev: ShownParticipant, p: LiveParticipant): boolean {
  for (let i = 0; i < FIELDS.length; i++) if (prev[FIELDS[i]!] !== p[FIELDS[i]!]) return false;
  return true;
}

/**
 * Turns each poll's list into rows that keep their identity while unchanged. One per
 * console; it remembers the last list it made. Giving it the same poll twice
 * (React may render twice) returns the same rows.
 */
export class StableRows {
  private byId = new Map<string, ShownParticipant>();
  private last: ShownParticipant[] = [];
  /**
   * This browser's clock minus the server's, as small as seen: the freshest answer's
   * (a cached list arrives later than Sinch answered it, which would make calls look younger).
   */
  private skew = Infinity;

  rows(poll: PolledList): ShownParticipant[] {
    const fetched = Date.parse(poll.fetchedAt);
    if (Number.isFinite(fetched)) this.skew = Math.min(this.skew, poll.receivedAt - fetched);
    // Sinch's answer time in this browser's clock (or, without it, when the list arrived).
    const answeredAt = Number.isFinite(fetched) && Number.isFinite(this.skew) ? fetched + this.skew : poll.receivedAt;
    // The same map, its entries replaced: a poll's list holds the same calls as the last
    // almost always, and a new map of 500 per poll was the page's largest allocation
    // after the parse. A call gone leaves a stale entry: the map is then built afresh.
    const byId = this.byId;
    const out: ShownParticipant[] = [];
    let same = poll.participants.length === this.last.length;
    for (const p of poll.participants) {
      const joinedAt = answeredAt - p.duration * 1000;
      const prev = this.byId.get(p.callId);
      const row =
        prev && sameBut(prev, p) && Math.abs(prev.joinedAt - joinedAt) < JOIN_JITTER_MS ? prev : { ...p, joinedAt };
      if (same && this.last[out.length] !== row) same = false;
      byId.set(p.callId, row);
      out.push(row);
    }
    if (byId.size !== out.length) this.byId = new Map(out.map((r) => [r.callId, r]));
    if (!same) this.last = out;
    return this.last;
  }
}
