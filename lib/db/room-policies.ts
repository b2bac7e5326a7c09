/**
 * Room policies' storage (0011-room-policies): per conference, mute on entry and the
 * lobby (with its hold music), who last set each and when, and the conference's
 * speakers (contacts or bare numbers) whom mute on entry leaves alone. A conference
 * without a row has every policy off. The feature (lib/policies) reads its input
 * before it gets here: numbers in E.164, the music one of Sinch's classes.
 */
import { E164_PATTERN } from "../vocabulary/directory";
import { numbersOf } from "./contacts";
import type { GavelDb } from "./index";
import type { RoomPoliciesTable, RoomSpeakersTable } from "./schema";

export interface PolicySetting {
  on: boolean;
  /** The email of who last turned it on or off; null if never set. */
  setBy: string | null;
  /** Epoch ms; null if never set. */
  setAt: number | null;
}

export interface RoomPolicy {
  conferenceId: string;
  muteOnEntry: PolicySetting;
  lobby: PolicySetting & { moh: string };
}

export interface SpeakerInput {
  contactId?: string;
  number?: string;
}

export interface Speaker {
  /** Set for a contact; its name and its numbers as they are now. */
  contactId: string | null;
  name: string | null;
  /** The bare number, or the contact's numbers. */
  numbers: string[];
  addedBy: string | null;
  addedAt: number;
}

const DEFAULT_MOH = "music1";

function toPolicy(conferenceId: string, row: RoomPoliciesTable | undefined): RoomPolicy {
  return {
    conferenceId,
    muteOnEntry: {
      on: row?.mute_on_entry === 1,
      setBy: row?.mute_set_by ?? null,
      setAt: row?.mute_set_at == null ? null : Number(row.mute_set_at),
    },
    lobby: {
      on: row?.lobby === 1,
      moh: row?.lobby_moh ?? DEFAULT_MOH,
      setBy: row?.lobby_set_by ?? null,
      setAt: row?.lobby_set_at == null ? null : Number(row.lobby_set_at),
    },
  };
}

export async function getRoomPolicy(db: GavelDb, conferenceId: string): Promise<RoomPolicy> {
  const row = await db.kysely
    .selectFrom("room_policies")
    .selectAll()
    .where("conference_id", "=", conferenceId)
    .executeTakeFirst();
  return toPolicy(conferenceId, row);
}

export interface PolicyChange {
  muteOnEntry?: boolean;
  lobby?: { on: boolean; moh: string };
}

/** Turns policies on or off; each one changed records who and when, the others keep theirs. */
export async function setRoomPolicy(
  db: GavelDb,
  conferenceId: string,
  change: PolicyChange,
  by: string,
  at: number,
): Promise<RoomPolicy> {
  const mute =
    change.muteOnEntry === undefined
      ? {}
      : { mute_on_entry: change.muteOnEntry ? (1 as const) : (0 as const), mute_set_by: by, mute_set_at: at };
  const lobby =
    change.lobby === undefined
      ? {}
      : {
          lobby: change.lobby.on ? (1 as const) : (0 as const),
          lobby_moh: change.lobby.moh,
          lobby_set_by: by,
          lobby_set_at: at,
        };
  const row = await db.kysely
    .insertInto("room_policies")
    .values({
      conference_id: conferenceId,
      mute_on_entry: 0,
      lobby: 0,
      lobby_moh: DEFAULT_MOH,
      ...mute,
      ...lobby,
      updated_at: at,
    })
    .onConflict((oc) => oc.column("conference_id").doUpdateSet({ ...mute, ...lobby, updated_at: at }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPolicy(conferenceId, row);
}

/** The conferences with any policy on: the watcher starts for each at start-up. */
export async function listPolicyRooms(db: GavelDb): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom("room_policies")
    .select("conference_id")
    .where((eb) => eb.or([eb("mute_on_entry", "=", 1), eb("lobby", "=", 1)]))
    .orderBy("conference_id")
    .execute();
  return rows.map((r) => r.conference_id);
}

/** Replaces the conference's speakers with these, in this order (repeats dropped). */
export async function setSpeakers(
  db: GavelDb,
  conferenceId: string,
  speakers: readonly SpeakerInput[],
  by: string,
  at: number,
): Promise<void> {
  const seen = new Set<string>();
  const rows: RoomSpeakersTable[] = [];
  for (const s of speakers) {
    if ((s.contactId === undefined) === (s.number === undefined)) {
      throw new Error("a speaker is a contact or a number, exactly one");
    }
    if (s.number !== undefined && !E164_PATTERN.test(s.number)) throw new Error(`not an E.164 number: ${s.number}`);
    const key = s.contactId !== undefined ? `c:${s.contactId}` : `n:${s.number}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({
      conference_id: conferenceId,
      position: rows.length,
      contact_id: s.contactId ?? null,
      number: s.number ?? null,
      added_by: by,
      added_at: at,
    });
  }
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom("room_speakers").where("conference_id", "=", conferenceId).execute();
    if (rows.length > 0) await trx.insertInto("room_speakers").values(rows).execute();
  });
}

export async function listSpeakers(db: GavelDb, conferenceId: string): Promise<Speaker[]> {
  const rows = await db.kysely
    .selectFrom("room_speakers")
    .leftJoin("contacts", "contacts.id", "room_speakers.contact_id")
    .select([
      "room_speakers.contact_id",
      "room_speakers.number",
      "room_speakers.added_by",
      "room_speakers.added_at",
      "contacts.name",
    ])
    .where("room_speakers.conference_id", "=", conferenceId)
    .orderBy("room_speakers.position")
    .execute();
  const contactIds = rows.flatMap((r) => (r.contact_id ? [r.contact_id] : []));
  const numbers = contactIds.length > 0 ? await numbersOf(db, contactIds) : new Map<string, string[]>();
  return rows.map((r) => ({
    contactId: r.contact_id,
    name: r.name ?? null,
    numbers: r.contact_id ? (numbers.get(r.contact_id) ?? []) : r.number ? [r.number] : [],
    addedBy: r.added_by,
    addedAt: Number(r.added_at),
  }));
}

/** Every number that is a speaker's in this conference now. */
export async function speakerNumbers(db: GavelDb, conferenceId: string): Promise<Set<string>> {
  return new Set((await listSpeakers(db, conferenceId)).flatMap((s) => s.numbers));
}
