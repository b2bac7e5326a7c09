/**
 * The conference API's outputs and the values the browser needs (bulk actions,
 * query keys), without zod: client code imports these; the schemas the server
 * parses with are in ./schemas.ts.
 */
import type { MohClass } from "../sinch/constants";

export type { MohClass };

/** The longest display name a conference may be given. */
export const DISPLAY_NAME_MAX = 100;

export const BULK_ACTIONS = ["mute", "unmute", "hold", "resume", "kick"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export interface LiveParticipant {
  callId: string;
  cli: string;
  duration: number;
  muted: boolean;
  onhold: boolean;
  /** The label given when Gavel dialled this participant in, if it did. */
  label: string | null;
  /**
   * The name of the directory contact holding this number, read when the list was
   * fetched; absent or null when no contact holds it. Rows show it first, else the
   * label, else only the number.
   */
  name?: string | null;
  /**
   * Only on a participant on hold: the music Gavel's own last hold command for this
   * call asked for (Sinch's list does not report it), or null when Gavel did not put
   * them on hold or named no music.
   */
  holdMusic?: MohClass | null;
}

export interface ConferenceLive {
  conferenceId: string;
  participants: LiveParticipant[];
  /** When Sinch answered with this list (ISO). */
  fetchedAt: string;
}

/** The commands whose outcome Gavel reconciles from the lists it polls. */
export type ReconcileAction = "mute" | "unmute" | "hold" | "resume" | "kick" | "kick_all";

/** A command Sinch did not answer readably, not confirmed yet. */
export interface UnconfirmedCommand {
  requestId: string;
  action: ReconcileAction;
  callId: string | null;
  /** When the command was sent (ISO). */
  since: string;
}

/** A command whose unknown outcome was decided in the last minute. */
export interface ResolvedCommand {
  requestId: string;
  action: ReconcileAction;
  callId: string | null;
  outcome: "succeeded" | "failed";
  decidedAt: string;
  note: string;
}

export interface ReconcileState {
  unconfirmed: UnconfirmedCommand[];
  resolved: ResolvedCommand[];
}

/** What the participants GET answers: the (shared) list, and this room's reconciliation. */
export type ConferenceLiveView = ConferenceLive & ReconcileState;

/**
 * The 202 of a command Sinch did not answer readably (timeout, connection dropped
 * after sending, a 2xx Gavel cannot read): it may have happened; Gavel checks.
 */
export interface OutcomeUnknownReply {
  outcome: "unknown";
  requestId: string;
  message: string;
}

export const OUTCOME_UNKNOWN_MESSAGE =
  "Sinch did not answer in time; Gavel is checking whether the command took effect";

/** The home's filters: what Gavel last saw of a room, pinned, or rooms the signed-in person acted on. */
export const CONFERENCE_FILTERS = ["all", "live", "ended", "pinned", "mine"] as const;
export type ConferenceFilter = (typeof CONFERENCE_FILTERS)[number];
/** The longest search text the home sends. */
export const CONFERENCE_SEARCH_MAX = 100;

/** What the home searches for: blank text and "all" list everything. */
export interface ConferenceListSearch {
  q: string;
  show: ConferenceFilter;
}

/** The home's list: the conferences that match, and how many Gavel knows in all. */
export interface ConferenceListReply {
  conferences: ConferenceSummary[];
  total: number;
}

export interface ConferenceSummary {
  conferenceId: string;
  displayName: string | null;
  pinned: boolean;
  source: string;
  firstSeenAt: string;
  lastSeenAt: string;
  lastConnectedAt: string | null;
  participantCount: number;
  mutedCount: number;
  onholdCount: number;
  lastPolledAt?: string | null; // when Gavel last read the list from Sinch (ISO); null: never, the counts are no reading
}

export interface BulkResult {
  callId: string;
  cli: string | null;
  /** True only when Sinch confirmed. */
  ok: boolean;
  outcome: "succeeded" | "failed" | "unknown";
  error?: { code: string; message: string };
}

export interface BulkResponse {
  action: BulkAction;
  results: BulkResult[];
  succeeded: number;
  failed: number;
  /** Sinch did not answer readably: reconciliation decides (see `unconfirmed` on the live list). */
  unknown: number;
}

export interface KickAllResponse {
  removed: { callId: string; cli: string }[];
  /** Participants still connected after Sinch's kick all, then kicked one by one. */
  stragglers: { callId: string; cli: string; ok: boolean }[];
  /** Anyone still there when Gavel stopped checking. */
  remaining: { callId: string; cli: string }[];
}

/**
 * The participants GET's header saying when Sinch answered the list (`fetchedAt`): sent
 * on a 304 too, so a browser polling with If-None-Match learns the list is fresh.
 */
export const LIVE_FETCHED_AT_HEADER = "x-gavel-fetched-at";

/** Query keys for the conference feature (no key literals in components). */
export const conferenceKeys = {
  all: ["conferences"] as const,
  /** Every home list (any search); with a search, that one list. */
  list: (search?: ConferenceListSearch) =>
    search ? ([...conferenceKeys.all, "list", search] as const) : ([...conferenceKeys.all, "list"] as const),
  detail: (id: string) => [...conferenceKeys.all, "detail", id] as const,
  live: (id: string) => [...conferenceKeys.all, "live", id] as const,
};
