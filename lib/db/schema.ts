/**
 * The tables as Kysely sees them. Storage rules, the same on SQLite and PostgreSQL
 * so that one set of queries serves both:
 *
 * - Times are integer milliseconds since the Unix epoch (`Date.now()`): INTEGER in
 *   SQLite, BIGINT in PostgreSQL. node-postgres returns BIGINT as a string by default;
 *   our pool parses it back to a number (lib/db/index.ts), so both engines give numbers.
 *   Epoch milliseconds fit a JS number exactly until the year 287396.
 * - Booleans are INTEGER 0 or 1 (with a CHECK), never a native boolean: SQLite has
 *   none, and mixing would make every comparison engine-specific. Repositories turn
 *   them into `boolean` at the edge.
 * - Text ids (UUIDs) instead of auto-increment, which is spelled differently per engine.
 * - Enumerations (role, source) are TEXT checked by zod in the repositories, not by a
 *   CHECK constraint: adding a value later would mean rebuilding the table in SQLite.
 *
 * When adding a table: add a migration in ./migrations, register it in
 * ./migrations/index.ts, and describe the table here.
 */
import type { AuditDecider, AuditOutcome } from "../vocabulary/audit";
import type { UserRole } from "../vocabulary/users";

/** How Gavel first learned of a conference: someone opened it by id, Gavel called out into it, or the sandbox made it. */
export const CONFERENCE_SOURCES = ["opened", "callout", "sandbox"] as const;
export type ConferenceSource = (typeof CONFERENCE_SOURCES)[number];

/** Milliseconds since the Unix epoch. */
export type EpochMs = number;
/** 0 = false, 1 = true. */
export type IntBool = 0 | 1;

export interface UsersTable {
  id: string;
  /** Trimmed and lower-cased; unique. */
  email: string;
  name: string;
  role: UserRole;
  /** bcrypt hash; null = SSO-only user (cannot sign in with a password). */
  password_hash: string | null;
  disabled: IntBool;
  created_at: EpochMs;
  updated_at: EpochMs;
  last_login_at: EpochMs | null;
  /** Bumped to end every session of the user (tokens carry the generation they were issued under). */
  session_generation: number;
}

/** One signed-out session (by the id its token carries), kept until that token would have expired. */
export interface RevokedSessionsTable {
  session_id: string;
  user_id: string;
  expires_at: EpochMs;
}

/** One failed sign-in per row and key ("email:ann@x.com", "ip:10.0.0.1"). */
export interface LoginAttemptsTable {
  id: string;
  key: string;
  at: EpochMs;
}

export interface CalloutSpendTable {
  id: string;
  user_id: string;
  at: EpochMs;
  /** Callouts this request may place (lowered when some were replays). */
  count: number;
}

export interface ConferencesTable {
  conference_id: string;
  display_name: string | null;
  pinned: IntBool;
  source: ConferenceSource;
  first_seen_at: EpochMs;
  last_seen_at: EpochMs;
  /** When Gavel last saw at least one participant connected. */
  last_connected_at: EpochMs | null;
  last_participant_count: number;
  last_muted_count: number;
  last_onhold_count: number;
  updated_at: EpochMs;
  /** When Gavel last read the participant list from Sinch; null if never (the counts are then not a reading). */
  last_polled_at: EpochMs | null;
}

/**
 * One state-changing action. `params` is JSON text. Written with outcome "pending"
 * before the Sinch request leaves and completed after; a later change of outcome
 * (reconciliation, recovery after a crash) updates `outcome` and appends a row to
 * audit_history, so the row says what is believed now and the history what was
 * believed before. Only retention deletes.
 */
export interface AuditLogTable {
  id: string;
  at: EpochMs;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: string | null;
  action: string;
  conference_id: string | null;
  target_call_id: string | null;
  target_number: string | null;
  params: string | null;
  outcome: AuditOutcome;
  http_status: number | null;
  sinch_error_code: number | null;
  sinch_reference: string | null;
  error_message: string | null;
  latency_ms: number | null;
  request_id: string;
  client_address: string | null;
  /** The API token the actor acted through (0013), or null for a session. */
  actor_token_id: string | null;
  actor_token_name: string | null;
}

/**
 * One change of an audit entry's outcome (0004-audit-history): from what to what, who
 * decided (reconciliation, Sinch's late answer, a restart) and why, in words.
 * Deleted with its entry by retention.
 */
export interface AuditHistoryTable {
  id: string;
  audit_id: string;
  at: EpochMs;
  from_outcome: AuditOutcome;
  to_outcome: AuditOutcome;
  decided_by: AuditDecider;
  note: string;
}

/** One participant's stay in a conference, as seen by polling. */
export interface AttendanceTable {
  id: string;
  conference_id: string;
  call_id: string;
  number: string;
  label: string | null;
  joined_at: EpochMs;
  left_at: EpochMs | null;
  kicked_by: string | null;
  kick_reason: string | null;
  /** Set when the leave is a range: the last poll that saw them (left_at is the first that did not). */
  left_after: EpochMs | null;
  /** One of LEAVE_SOURCES (lib/db/attendance.ts); null on rows older than migration 0005. */
  leave_source: string | null;
}

/**
 * One callout Gavel placed (lib/db/callouts.ts). `type` and `state` are the enums of
 * lib/vocabulary/callouts.ts; `request` is the JSON sent to Sinch; `call_id` is null
 * until Sinch answers the POST (or for good, if it refused). `idempotency_key` is
 * unique; a key older than the idempotency window is released (set to null) when
 * it is used again.
 */
export interface CalloutsTable {
  id: string;
  call_id: string | null;
  idempotency_key: string | null;
  type: string;
  actor_id: string | null;
  actor_email: string | null;
  destination_type: string;
  /** E.164 number, username or SIP address. */
  destination: string;
  cli: string | null;
  conference_id: string | null;
  /** The `custom` text: shown on the participant's row. */
  label: string | null;
  request: string;
  state: string;
  sinch_result: string | null;
  sinch_reason: string | null;
  duration_seconds: number | null;
  error_message: string | null;
  batch_id: string | null;
  retry_of: string | null;
  created_at: EpochMs;
  updated_at: EpochMs;
  joined_at: EpochMs | null;
  ended_at: EpochMs | null;
}

/** One person in the directory (0009-directory). Their numbers are in contact_numbers. */
export interface ContactsTable {
  id: string;
  name: string;
  organisation: string | null;
  notes: string | null;
  /** Name and organisation folded for search (lower case, no accents); written by lib/db/contacts.ts. */
  search_key: string;
  /** The name folded, for ordering alike on both engines. */
  sort_key: string;
  created_at: EpochMs;
  updated_at: EpochMs;
}

/** One E.164 number of a contact; `number` is unique across the directory. */
export interface ContactNumbersTable {
  number: string;
  contact_id: string;
  /** The number's place in its contact's list, from 0. */
  position: number;
}

/** A conference's room policies (0011-room-policies); who set each and when. */
export interface RoomPoliciesTable {
  conference_id: string;
  mute_on_entry: IntBool;
  /** The actor's email. */
  mute_set_by: string | null;
  mute_set_at: EpochMs | null;
  lobby: IntBool;
  /** Sinch's music-on-hold class the lobby plays. */
  lobby_moh: string;
  lobby_set_by: string | null;
  lobby_set_at: EpochMs | null;
  updated_at: EpochMs;
}

/** One speaker of a conference: a contact or a number (exactly one of the two). */
export interface RoomSpeakersTable {
  conference_id: string;
  position: number;
  contact_id: string | null;
  number: string | null;
  added_by: string | null;
  added_at: EpochMs;
}

/** A conference's invite list (0010-conference-invites): one row per invited number. */
export interface ConferenceInvitesTable {
  conference_id: string;
  /** E.164. */
  number: string;
  /** What the number was pasted with ("Alice,+1…"), if anything. */
  label: string | null;
  /** The email of who added it. */
  added_by: string | null;
  added_at: number;
}

/**
 * An API token (0013-api-tokens): `id` is its public part, `secret_hash` the hex
 * SHA-256 of its secret. Valid while not revoked, not expired, and its user enabled.
 */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  secret_hash: string;
  created_at: EpochMs;
  /** Who made it: the user, or an admin for them (null if that user is gone). */
  created_by: string | null;
  expires_at: EpochMs;
  revoked_at: EpochMs | null;
  last_used_at: EpochMs | null;
}

/** Who runs a background job now (0014-fleet): held by `holder` until `expires_at`. */
export interface FleetLeasesTable {
  job: string;
  /** The holding process's instance id (random per process). */
  holder: string;
  expires_at: EpochMs;
  /** When this holder took it (kept while it renews). */
  taken_at: EpochMs;
  renewed_at: EpochMs;
}

/** A shared rate limit's counter (0014-fleet): requests of `key` in the window starting at `window_start`. */
export interface RateLimitCountsTable {
  key: string;
  window_start: EpochMs;
  count: number;
}

export interface Database {
  users: UsersTable;
  login_attempts: LoginAttemptsTable;
  revoked_sessions: RevokedSessionsTable;
  conferences: ConferencesTable;
  audit_log: AuditLogTable;
  audit_history: AuditHistoryTable;
  attendance: AttendanceTable;
  callouts: CalloutsTable;
  callout_spend: CalloutSpendTable;
  contacts: ContactsTable;
  contact_numbers: ContactNumbersTable;
  room_policies: RoomPoliciesTable;
  room_speakers: RoomSpeakersTable;
  conference_invites: ConferenceInvitesTable;
  api_tokens: ApiTokensTable;
  fleet_leases: FleetLeasesTable;
  rate_limit_counts: RateLimitCountsTable;
}
