/**
 * A conference's invite list (0010-conference-invites): the numbers expected in it.
 * A number is invited once per conference; adding it again keeps the first row.
 * Numbers arrive in E.164 (lib/invites reads them); anything else is refused here too.
 * `seenNumbers` says which numbers the attendance records (./attendance.ts) ever saw
 * in the conference: the difference between "not yet joined" and "left".
 */
import { E164_PATTERN } from "../vocabulary/directory";
import { INVITE_LABEL_MAX, INVITES_MAX } from "../vocabulary/invites";
import type { GavelDb } from "./index";

export interface Invite {
  conferenceId: string;
  number: string;
  label: string | null;
  addedBy: string | null;
  /** Epoch ms. */
  addedAt: number;
}

export interface NewInvite {
  number: string;
  label: string | null;
}

/** More invitees than a conference may have. */
export class TooManyInvitesError extends Error {
  constructor(readonly limit: number) {
    super(`A conference can have at most ${limit} invitees.`);
    this.name = "TooManyInvitesError";
  }
}

const CHUNK = 500;

function check(i: NewInvite): void {
  if (!E164_PATTERN.test(i.number)) throw new RangeError("Invite not stored: the number must be E.164");
  if ((i.label?.length ?? 0) > INVITE_LABEL_MAX) throw new RangeError("Invite not stored: the label is too long");
}

/** The conference's invitees, in the order they were added. */
export async function listInvites(db: GavelDb, conferenceId: string): Promise<Invite[]> {
  const rows = await db.kysely
    .selectFrom("conference_invites")
    .selectAll()
    .where("conference_id", "=", conferenceId)
    .orderBy("added_at")
    .orderBy("number")
    .execute();
  return rows.map((r) => ({
    conferenceId: r.conference_id,
    number: r.number,
    label: r.label,
    addedBy: r.added_by,
    addedAt: Number(r.added_at),
  }));
}

/**
 * Adds the numbers not yet invited, in one transaction; answers which were added and
 * which were already on the list. Refuses the whole change (TooManyInvitesError) if
 * the list would pass INVITES_MAX.
 */
export async function addInvites(
  db: GavelDb,
  conferenceId: string,
  invites: readonly NewInvite[],
  addedBy: string | null,
  now = Date.now(),
): Promise<{ added: string[]; already: string[] }> {
  invites.forEach(check);
  return db.kysely.transaction().execute(async (trx) => {
    const existing = new Set(
      (
        await trx.selectFrom("conference_invites").select("number").where("conference_id", "=", conferenceId).execute()
      ).map((r) => r.number),
    );
    const added: string[] = [];
    const already: string[] = [];
    const rows = [];
    for (const i of invites) {
      if (existing.has(i.number)) {
        already.push(i.number);
        continue;
      }
      existing.add(i.number);
      added.push(i.number);
      rows.push({ conference_id: conferenceId, number: i.number, label: i.label, added_by: addedBy, added_at: now });
    }
    if (existing.size > INVITES_MAX) throw new TooManyInvitesError(INVITES_MAX);
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto("conference_invites")
        .values(rows.slice(i, i + CHUNK))
        // Another instance added the same number meanwhile: its row stands.
        .onConflict((oc) => oc.columns(["conference_id", "number"]).doNothing())
        .execute();
    }
    return { added, already };
  });
}

/** Takes these numbers off the list; answers the ones that were on it. */
export async function removeInvites(db: GavelDb, conferenceId: string, numbers: readonly string[]): Promise<string[]> {
  if (numbers.length === 0) return [];
  const rows = await db.kysely
    .deleteFrom("conference_invites")
    .where("conference_id", "=", conferenceId)
    .where("number", "in", [...new Set(numbers)])
    .returning("number")
    .execute();
  return rows.map((r) => r.number);
}

/** Which of these numbers the attendance records ever saw in the conference. */
export async function seenNumbers(db: GavelDb, conferenceId: string, numbers: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(numbers)];
  const seen = new Set<string>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db.kysely
      .selectFrom("attendance")
      .select("number")
      .distinct()
      .where("conference_id", "=", conferenceId)
      .where("number", "in", unique.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) seen.add(r.number);
  }
  return seen;
}
