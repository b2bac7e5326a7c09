/**
 * The bridge between the front server's poll fast path (./poll-fast-path.ts) and
 * Next's bundles: what the fast path needs to prove a participants GET, registered by
 * the Next side (lib/conferences/server/live-bridge.ts, loaded with the participants
 * route) and read by the front server, which runs in the same process but outside
 * Next's bundler and so cannot import server-only modules itself.
 *
 * The registration lives on globalThis (like lib/util/server/process-singleton.ts):
 * Next evaluates its own copies of modules, and a dev reload re-registers with the
 * new code. Until the participants route has loaded once, nothing is registered and
 * every poll goes through Next. Every function answers from memory, synchronously,
 * and `undefined` means "cannot tell": the fast path then leaves the request to Next.
 *
 * No `import "server-only"`: the front server loads this outside Next's bundler.
 */

/** Who a session cookie names, as the route would judge it now. */
export interface BridgeActor {
  id: string;
  email: string;
  role: string;
}

/** One participants answer, serialised once per snapshot and shared by every viewer. */
export interface PreparedPoll {
  /** The JSON body, as the route answers it. */
  body: Buffer;
  /** Its gzip, made on first use. */
  gzipped(): Buffer;
  /** A weak ETag over the list's content (not its fetch time): an unchanged list keeps it. */
  etag: string;
  /** Headers of this snapshot sent on 200s and 304s alike (when the list was fetched: the client's freshness). */
  headers: Record<string, string>;
}

/** What the current window holds for a conference. */
export type PollPeek =
  /** A list fetched in the current window, with this room's reconciliation. */
  | { ready: PreparedPoll }
  /** A fetch for the current window is in flight: settles (never rejects) when it is done. */
  | { pending: Promise<void> }
  /** Nothing usable (a conference never fetched, or `start` not asked for): the route fetches. */
  | undefined;

export interface PollBridge {
  /**
   * The actor of a request's Cookie header when its decoded session and session
   * state are both cached and fresh (lib/auth/server/session.ts) and the session
   * stands; undefined otherwise (no cookie, not cached, expired, revoked, disabled).
   */
  actorFor(cookieHeader: string | undefined, now: number): BridgeActor | undefined;
  /** Whether this role may read participants (the endpoint's permission). */
  mayRead(role: string): boolean;
  /** Counts one read against the user's API rate limit (the route's limiter); false when over it (nothing taken). */
  takeRead(userId: string): boolean;
  /**
   * The conference's answer for the current window, or the fetch for it in flight.
   * With `start`, a conference whose list was fetched before (its id accepted by the
   * route) and has none for this window gets its fetch started, as the route would.
   */
  peek(conferenceId: string, now: number, start: boolean): PollPeek;
}

const KEY = Symbol.for("gavel.pollBridge");
type Holder = typeof globalThis & { [KEY]?: PollBridge };

/** Called by the Next side when the participants route loads (again after a dev reload). */
export function registerPollBridge(bridge: PollBridge): void {
  (globalThis as Holder)[KEY] = bridge;
}

/** The registered bridge, or undefined before the participants route has loaded. */
export function pollBridge(): PollBridge | undefined {
  return (globalThis as Holder)[KEY];
}

/** For tests: forget the registration. */
export function clearPollBridge(): void {
  delete (globalThis as Holder)[KEY];
}
