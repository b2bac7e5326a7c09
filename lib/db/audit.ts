/**
 * The audit trail's storage: append-only inserts, filtered keyset pages (newest
 * first on (at, id), so page N costs the same as page 1 at a million rows), and the
 * retention job, the only thing that deletes.
 */
import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { GavelDb } from "./index";
import type { AuditLogTable } from "./schema";
import type { AuditEntryFields, AuditSelection } from "../vocabulary/audit";

/** An entry to append: what the page shows, before it has an id, with `at` in epoch ms. */
export type NewAuditEntry = AuditEntryFields & { at: number };

function toRow(e: NewAuditEntry): Selectable<AuditLogTable> {
  return {
    id: randomUUID(),
    at: e.at,
    actor_id: e.actorId,
    actor_email: e.actorEmail,
    actor_role: e.actorRole,
    action: e.action,
    conference_id: e.conferenceId,
    target_call_id: e.targetCallId,
    target_number: e.targetNumber,
    params: e.params ? JSON.stringify(e.params) : null,
    outcome: e.outcome,
    http_status: e.httpStatus,
    sinch_error_code: e.sinchErrorCode,
    sinch_reference: e.sinchReference,
    error_message: e.errorMessage,
    latency_ms: e.latencyMs === null ? null : Math.round(e.latencyMs),
    request_id: e.requestId,
    client_address: e.clientAddress,
    actor_token_id: e.actorToken?.id ?? null,
    actor_token_name: e.actorToken?.name ?? null,
  };
}

/** Appends an entry; returns its id (to complete it once the outcome is known). */
export async function insertAudit(db: GavelDb, entry: NewAuditEntry): Promise<string> {
  const row = toRow(entry);
  await db.kysely.insertInto("audit_log").values(row).execute();
  return row.id;
}

/** For seeding benchmarks and tests: many rows in one statement per chunk. */
export async function insertAuditBatch(db: GavelDb, entries: NewAuditEntry[]): Promise<void> {
  const rows = entries.map(toRow);
  // SQLite allows at most 32766 bound parameters per statement; 18 columns a row.
  for (let i = 0; i < rows.length; i += 1000) {
    await db.kysely
      .insertInto("audit_log")
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}

/**
 * A page cursor: the (at, id) of the row a page ends at and which way to go from
 * it, opaque to the browser. "older" pages continue after the last row shown,
 * "newer" pages before the first.
 */
export type CursorDirection = "older" | "newer";

export function encodeCursor(at: number, id: string, direction: CursorDirection = "older"): string {
  return Buffer.from(JSON.stringify(direction === "older" ? [at, id] : [at, id, "n"]), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): { at: number; id: string; direction: CursorDirection } | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(v) &&
      Number.isSafeInteger(v[0]) &&
      typeof v[1] === "string" &&
      (v.length === 2 || v[2] === "n")
    ) {
      return { at: v[0] as number, id: v[1], direction: v.length === 2 ? "older" : "newer" };
    }
  } catch {
    // fall through
  }
  return null;
}

/** Thrown for a cursor this server did not make (the route answers 400). */
export class InvalidCursorError extends Error {
  constructor() {
    super("cursor is not one Gavel gave out: start again from the newest page");
    this.name = "InvalidCursorError";
  }
}

export type AuditQuery = AuditSelection & { limit: number; cursor?: string | null };

function selectAudit(db: GavelDb, f: AuditSelection) {
  let q = db.kysely.selectFrom("audit_log").selectAll();
  if (f.from !== undefined) q = q.where("at", ">=", f.from);
  if (f.to !== undefined) q = q.where("at", "<=", f.to);
  if (f.actor) q = q.where("actor_email", "=", f.actor.trim().toLowerCase());
  if (f.conferenceId) q = q.where("conference_id", "=", f.conferenceId);
  if (f.action) q = q.where("action", "=", f.action);
  if (f.outcome) q = q.where("outcome", "=", f.outcome);
  if (f.requestId) q = q.where("request_id", "=", f.requestId);
  return q;
}

/**
 * One page of the audit trail, newest first, keyset-paginated on (at, id). The
 * cursor condition is written as `at <= X and (at < X or id < Y)` rather than a
 * row-value comparison or a bare OR, so that both SQLite's and PostgreSQL's
 * planners turn it into a range scan of the (filter, at, id) index: a page deep in
 * a million rows costs what the first one does.
 */
export async function queryAudit(
  db: GavelDb,
  filters: AuditQuery,
): Promise<{ rows: Selectable<AuditLogTable>[]; nextCursor: string | null; prevCursor: string | null }> {
  const cursor = filters.cursor ? decodeCursor(filters.cursor) : null;
  if (filters.cursor && !cursor) throw new InvalidCursorError();
  let q = selectAudit(db, filters);
  if (cursor?.direction === "newer") {
    const c = cursor;
    q = q
      .where("at", ">=", c.at)
      .where((eb) => eb.or([eb("at", ">", c.at), eb("id", ">", c.id)]))
      .orderBy("at", "asc")
      .orderBy("id", "asc");
  } else {
    if (cursor) {
      const c = cursor;
      q = q.where("at", "<=", c.at).where((eb) => eb.or([eb("at", "<", c.at), eb("id", "<", c.id)]));
    }
    q = q.orderBy("at", "desc").orderBy("id", "desc");
  }
  const fetched = await q.limit(filters.limit + 1).execute();
  const more = fetched.length > filters.limit;
  const page = more ? fetched.slice(0, filters.limit) : fetched;
  if (cursor?.direction === "newer") page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  // Going older, a page that came from a cursor has newer rows before it; going newer,
  // the page just left has older ones after it. (Rows deleted meanwhile by retention
  // can make such a neighbour page empty; the page then says so.)
  const hasOlder = cursor?.direction === "newer" ? true : more;
  const hasNewer = cursor?.direction === "newer" ? more : cursor !== null;
  return {
    rows: page,
    nextCursor: hasOlder && last ? encodeCursor(Number(last.at), last.id, "older") : null,
    prevCursor: hasNewer && first ? encodeCursor(Number(first.at), first.id, "newer") : null,
  };
}

/** Every row the filters select, newest first, a keyset page at a time (for the CSV export). */
export async function* iterateAudit(
  db: GavelDb,
  filters: AuditSelection,
  pageSize = 1000,
): AsyncGenerator<Selectable<AuditLogTable>[]> {
  let cursor: string | null = null;
  for (;;) {
    const page = await queryAudit(db, { ...filters, limit: pageSize, cursor });
    if (page.rows.length > 0) yield page.rows;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

/** The most recent actions on one conference (for its timeline), newest first. */
export async function auditForConference(
  db: GavelDb,
  conferenceId: string,
  limit: number,
): Promise<Selectable<AuditLogTable>[]> {
  return db.kysely
    .selectFrom("audit_log")
    .selectAll()
    .where("conference_id", "=", conferenceId)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/**
 * Who removed a participant, from the trail: the latest succeeded kick of this
 * callId, or else a succeeded kick all of the conference since `since`. Used when
 * this process has no note of the kick (it happened on another instance, or before
 * a restart).
 */
export async function findKick(
  db: GavelDb,
  conferenceId: string,
  callId: string,
  since: number,
): Promise<{ at: number; actorEmail: string | null; reason: string | null } | undefined> {
  const row = await db.kysely
    .selectFrom("audit_log")
    .select(["at", "actor_email", "params", "action"])
    .where("conference_id", "=", conferenceId)
    .where("outcome", "=", "succeeded")
    .where("at", ">=", since)
    .where((eb) =>
      eb.or([
        eb.and([eb("action", "=", "participant.kick"), eb("target_call_id", "=", callId)]),
        eb("action", "=", "conference.kick_all"),
      ]),
    )
    .orderBy("at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  let reason: string | null = row.action === "conference.kick_all" ? "kick all" : null;
  if (row.params && row.action === "participant.kick") {
    try {
      const p = JSON.parse(row.params) as { reason?: unknown };
      if (typeof p.reason === "string") reason = p.reason;
    } catch {
      // a reason is a nicety
    }
  }
  return { at: Number(row.at), actorEmail: row.actor_email, reason };
}

/** Rows per DELETE, so a first run over years of history does not hold the write lock for long. */
const DELETE_CHUNK = 5000;

/** The retention job: the only code that deletes audit rows. Returns how many went. */
export async function deleteAuditOlderThan(db: GavelDb, cutoff: number, chunk = DELETE_CHUNK): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = (
      await db.kysely.selectFrom("audit_log").select("id").where("at", "<", cutoff).limit(chunk).execute()
    ).map((r) => r.id);
    if (ids.length === 0) return total;
    // An entry's history goes with it (./audit-history.ts).
    await db.kysely.deleteFrom("audit_history").where("audit_id", "in", ids).execute();
    const result = await db.kysely.deleteFrom("audit_log").where("id", "in", ids).executeTakeFirst();
    const n = Number(result.numDeletedRows);
    total += n;
    if (n < chunk) return total;
  }
}
