/**
 * Conferences Gavel has seen: Sinch forgets a conference once everyone leaves, so the
 * console keeps its own list (with a label and a pin) and the last numbers it saw.
 * Times are epoch milliseconds.
 */
import { sql, type RawBuilder, type Selectable } from "kysely";
import { z } from "zod";
import { conferenceIdSchema } from "../vocabulary/conferences";
import { NotFoundError } from "./errors";
import type { GavelDb } from "./index";
import { CONFERENCE_SOURCES, type ConferenceSource, type ConferencesTable } from "./schema";

export { CONFERENCE_SOURCES, type ConferenceSource } from "./schema";

export const conferenceSourceSchema = z.enum(CONFERENCE_SOURCES, {
  message: 'must be "opened", "callout" or "sandbox"',
});

/** Same rule as the console's form (lib/conferences/schemas.ts): at most 100 characters; blank clears it. */
const displayNameSchema = z
  .string()
  .trim()
  .max(100, "displayName must be at most 100 characters")
  .nullable()
  .transform((v) => (v === null || v === "" ? null : v));

export interface Conference {
  conferenceId: string;
  displayName: string | null;
  pinned: boolean;
  source: ConferenceSource;
  firstSeenAt: number;
  lastSeenAt: number;
  /** When Gavel last saw at least one participant connected; null if never. */
  lastConnectedAt: number | null;
  lastParticipantCount: number;
  lastMutedCount: number;
  lastOnholdCount: number;
  updatedAt: number;
  /** When Gavel last read the participant list from Sinch; null if never (the counts are then zeros, not a reading). */
  lastPolledAt: number | null;
}

export interface ConferenceSnapshot {
  /** Participants connected. */
  count: number;
  muted: number;
  onhold: number;
  /** When the numbers were read. */
  at: number;
}

export function toConference(row: Selectable<ConferencesTable>): Conference {
  return {
    conferenceId: row.conference_id,
    displayName: row.display_name,
    pinned: row.pinned === 1,
    source: row.source,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    lastConnectedAt: row.last_connected_at,
    lastParticipantCount: row.last_participant_count,
    lastMutedCount: row.last_muted_count,
    lastOnholdCount: row.last_onhold_count,
    updatedAt: row.updated_at,
    lastPolledAt: row.last_polled_at,
  };
}

function count(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number of at least 0, got ${n}`);
  return n;
}

/**
 * Notes that Gavel saw (or opened, or called out into) a conference: creates the row
 * the first time, otherwise moves last_seen_at forward. The source is the one it was
 * first seen with.
 */
export async function upsertSeen(
  db: GavelDb,
  conferenceId: string,
  source: ConferenceSource,
  now = Date.now(),
): Promise<Conference> {
  const id = conferenceIdSchema.parse(conferenceId);
  const src = conferenceSourceSchema.parse(source);
  const row = await db.kysely
    .insertInto("conferences")
    .values({
      conference_id: id,
      display_name: null,
      pinned: 0,
      source: src,
      first_seen_at: now,
      last_seen_at: now,
      last_connected_at: null,
      last_participant_count: 0,
      last_muted_count: 0,
      last_onhold_count: 0,
      updated_at: now,
      // Opening a conference is not reading it: its zeros are no count yet.
      last_polled_at: null,
    })
    .onConflict((oc) =>
      oc.column("conference_id").doUpdateSet(() => ({
        last_seen_at: notBefore("last_seen_at", now),
        updated_at: now,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toConference(row);
}

/**
 * Stores the numbers of one look at a live conference, creating its record (with
 * `source`, default "opened") if Gavel had not seen it yet. A snapshot older than one
 * already stored still overwrites the counts, but never moves last_seen_at or
 * last_connected_at backwards.
 */
export async function recordSnapshot(
  db: GavelDb,
  conferenceId: string,
  snapshot: ConferenceSnapshot,
  source: ConferenceSource = "opened",
): Promise<Conference> {
  const id = conferenceIdSchema.parse(conferenceId);
  const src = conferenceSourceSchema.parse(source);
  const { at } = snapshot;
  if (!Number.isSafeInteger(at) || at < 0) throw new RangeError(`at must be epoch milliseconds, got ${at}`);
  const counts = {
    last_participant_count: count(snapshot.count, "count"),
    last_muted_count: count(snapshot.muted, "muted"),
    last_onhold_count: count(snapshot.onhold, "onhold"),
  };
  const connected = counts.last_participant_count > 0;
  const row = await db.kysely
    .insertInto("conferences")
    .values({
      conference_id: id,
      display_name: null,
      pinned: 0,
      source: src,
      first_seen_at: at,
      last_seen_at: at,
      last_connected_at: connected ? at : null,
      ...counts,
      updated_at: at,
      last_polled_at: at,
    })
    .onConflict((oc) =>
      oc.column("conference_id").doUpdateSet(() => ({
        ...counts,
        last_seen_at: notBefore("last_seen_at", at),
        last_polled_at: notBefore("last_polled_at", at),
        ...(connected ? { last_connected_at: notBefore("last_connected_at", at) } : {}),
        updated_at: at,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toConference(row);
}

/** Pinned conferences first, then the most recently seen. */
export async function listConferences(db: GavelDb, opts: { limit?: number } = {}): Promise<Conference[]> {
  let q = db.kysely
    .selectFrom("conferences")
    .selectAll()
    .orderBy("pinned", "desc")
    .orderBy("last_seen_at", "desc")
    .orderBy("conference_id");
  if (opts.limit !== undefined) q = q.limit(opts.limit);
  return (await q.execute()).map(toConference);
}

export async function getConference(db: GavelDb, conferenceId: string): Promise<Conference | undefined> {
  const row = await db.kysely
    .selectFrom("conferences")
    .selectAll()
    .where("conference_id", "=", conferenceId)
    .executeTakeFirst();
  return row && toConference(row);
}

/** Labels a conference; null or blank clears the label. */
export async function setDisplayName(
  db: GavelDb,
  conferenceId: string,
  displayName: string | null,
  now = Date.now(),
): Promise<Conference> {
  const name = displayNameSchema.parse(displayName);
  const row = await db.kysely
    .updateTable("conferences")
    .set({ display_name: name, updated_at: now })
    .where("conference_id", "=", conferenceId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError("conference", conferenceId);
  return toConference(row);
}

export async function setPinned(
  db: GavelDb,
  conferenceId: string,
  pinned: boolean,
  now = Date.now(),
): Promise<Conference> {
  const row = await db.kysely
    .updateTable("conferences")
    .set({ pinned: pinned ? 1 : 0, updated_at: now })
    .where("conference_id", "=", conferenceId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError("conference", conferenceId);
  return toConference(row);
}

/**
 * Takes a conference off Gavel's list ("Forget"): its row goes, with its name and pin;
 * its audit entries and attendance stay. Seen again (opened, polled, called into), it
 * comes back as new. Returns what was removed, or undefined if Gavel had no record.
 */
export async function deleteConference(db: GavelDb, conferenceId: string): Promise<Conference | undefined> {
  const row = await db.kysely
    .deleteFrom("conferences")
    .where("conference_id", "=", conferenceId)
    .returningAll()
    .executeTakeFirst();
  return row && toConference(row);
}

/**
 * `column = at` unless the stored time is later: times never move backwards, since two
 * instances (or two polls) may report out of order. CASE, because SQLite has no
 * GREATEST and PostgreSQL's MAX takes no second argument; a NULL (never) is earlier.
 */
function notBefore(column: "last_seen_at" | "last_polled_at" | "last_connected_at", at: number): RawBuilder<number> {
  const stored = sql.ref(`conferences.${column}`);
  return sql<number>`CASE WHEN ${stored} IS NULL OR ${stored} < ${at} THEN ${at} ELSE ${stored} END`;
}
