/**
 * The directory's storage: contacts and their numbers (0009-directory). A number
 * belongs to one contact at most; the unique index on contact_numbers.number holds
 * that, and the functions here name the contact that already has a number
 * (DuplicateNumberError) instead of letting the index's error through.
 *
 * Input arrives already read by lib/directory (names trimmed, numbers in E.164 from
 * libphonenumber); `checkContact` refuses anything else, so a caller that forgot to
 * read its input still cannot store a bad row. Listing and search are in
 * ./contact-search.ts.
 */
import { randomUUID } from "node:crypto";
import {
  CONTACT_NAME_MAX,
  CONTACT_NOTES_MAX,
  CONTACT_NUMBERS_MAX,
  CONTACT_ORGANISATION_MAX,
  E164_PATTERN,
} from "../vocabulary/directory";
import { DuplicateNumberError, NotFoundError, isUniqueViolation } from "./errors";
import type { GavelDb } from "./index";
import type { ContactsTable } from "./schema";

/** What a contact holds, as the directory feature hands it over. */
export interface ContactInput {
  name: string;
  /** E.164, in the order shown; no repeats. */
  numbers: readonly string[];
  organisation: string | null;
  notes: string | null;
}

export interface Contact extends ContactInput {
  id: string;
  numbers: string[];
  /** Epoch ms. */
  createdAt: number;
  updatedAt: number;
}

/** Who a number belongs to: what rows, the timeline and the audit trail show beside it. */
export interface ContactSummary {
  id: string;
  name: string;
  organisation: string | null;
}

/** A database or a transaction on it. */
export type Trx = { kysely: GavelDb["kysely"] };

/** Statements take at most this many numbers at once (both engines allow far more variables). */
const CHUNK = 500;

/** Lower case, accents dropped: "Émile Zoë" → "emile zoe". */
export function foldForSearch(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Throws unless the input is what lib/directory produces. */
export function checkContact(input: ContactInput): void {
  const problem = (() => {
    const name = input.name.trim();
    if (name === "" || name !== input.name) return "name must be trimmed and not empty";
    if (name.length > CONTACT_NAME_MAX) return "name is too long";
    if ((input.organisation?.length ?? 0) > CONTACT_ORGANISATION_MAX) return "organisation is too long";
    if ((input.notes?.length ?? 0) > CONTACT_NOTES_MAX) return "notes are too long";
    if (input.numbers.length === 0 || input.numbers.length > CONTACT_NUMBERS_MAX) return "wrong count of numbers";
    if (input.numbers.some((n) => !E164_PATTERN.test(n))) return "numbers must be E.164";
    if (new Set(input.numbers).size !== input.numbers.length) return "numbers repeat";
    return null;
  })();
  if (problem) throw new RangeError(`Contact not stored: ${problem}`);
}

function rowOf(id: string, input: ContactInput, createdAt: number, updatedAt: number): ContactsTable {
  const organisation = input.organisation?.trim() || null;
  return {
    id,
    name: input.name,
    organisation,
    notes: input.notes?.trim() ? input.notes : null,
    search_key: foldForSearch(`${input.name}\n${organisation ?? ""}`),
    sort_key: foldForSearch(input.name),
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

function numberRows(contactId: string, numbers: readonly string[]) {
  return numbers.map((number, position) => ({ number, contact_id: contactId, position }));
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The contacts holding any of these numbers: number → contact. */
export async function numberHolders(db: Trx, numbers: readonly string[]): Promise<Map<string, ContactSummary>> {
  const found = new Map<string, ContactSummary>();
  for (const part of chunks([...new Set(numbers)])) {
    const rows = await db.kysely
      .selectFrom("contact_numbers as n")
      .innerJoin("contacts as c", "c.id", "n.contact_id")
      .select(["n.number", "c.id", "c.name", "c.organisation"])
      .where("n.number", "in", part)
      .execute();
    for (const r of rows) found.set(r.number, { id: r.id, name: r.name, organisation: r.organisation });
  }
  return found;
}

/**
 * Who each of these numbers belongs to, for the places a number is shown (rows,
 * timeline, audit trail): one query for up to 500 numbers. Numbers nobody holds
 * are absent from the map.
 */
export function contactsByNumber(db: GavelDb, numbers: readonly string[]): Promise<Map<string, ContactSummary>> {
  return numberHolders(
    db,
    numbers.filter((n) => E164_PATTERN.test(n)),
  );
}

export async function numbersOf(db: Trx, ids: readonly string[]): Promise<Map<string, string[]>> {
  const byContact = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const part of chunks(ids)) {
    const rows = await db.kysely
      .selectFrom("contact_numbers")
      .select(["contact_id", "number"])
      .where("contact_id", "in", part)
      .orderBy("contact_id")
      .orderBy("position")
      .execute();
    for (const r of rows) byContact.get(r.contact_id)?.push(r.number);
  }
  return byContact;
}

export function toContact(row: ContactsTable, numbers: string[]): Contact {
  return {
    id: row.id,
    name: row.name,
    numbers,
    organisation: row.organisation,
    notes: row.notes,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function getContact(db: GavelDb, id: string): Promise<Contact | undefined> {
  const row = await db.kysely.selectFrom("contacts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  return toContact(row, (await numbersOf(db, [id])).get(id) ?? []);
}

/** Throws DuplicateNumberError for the first number held by a contact other than `except`. */
async function refuseTaken(trx: Trx, numbers: readonly string[], except: string | null): Promise<void> {
  const holders = await numberHolders(trx, numbers);
  for (const n of numbers) {
    const holder = holders.get(n);
    if (holder && holder.id !== except) throw new DuplicateNumberError(n, { id: holder.id, name: holder.name });
  }
}

/**
 * Runs a write in one transaction; a unique violation that slipped past the check (a
 * concurrent write) is reported as the DuplicateNumberError it is.
 */
async function writing<T>(db: GavelDb, numbers: readonly string[], run: (trx: Trx) => Promise<T>): Promise<T> {
  try {
    return await db.kysely.transaction().execute((trx) => run({ kysely: trx }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const holders = await numberHolders(db, numbers);
    const taken = numbers.find((n) => holders.has(n));
    const holder = taken === undefined ? undefined : holders.get(taken);
    throw new DuplicateNumberError(
      taken ?? numbers[0] ?? "a number",
      holder ? { id: holder.id, name: holder.name } : null,
    );
  }
}

export async function createContact(db: GavelDb, input: ContactInput, now = Date.now()): Promise<Contact> {
  checkContact(input);
  const row = rowOf(randomUUID(), input, now, now);
  await writing(db, input.numbers, async (trx) => {
    await refuseTaken(trx, input.numbers, null);
    await trx.kysely.insertInto("contacts").values(row).execute();
    await trx.kysely.insertInto("contact_numbers").values(numberRows(row.id, input.numbers)).execute();
  });
  return toContact(row, [...input.numbers]);
}

/** Replaces a contact's fields and numbers. Throws NotFoundError or DuplicateNumberError. */
export async function updateContact(db: GavelDb, id: string, input: ContactInput, now = Date.now()): Promise<Contact> {
  checkContact(input);
  return writing(db, input.numbers, async (trx) => {
    const before = await trx.kysely.selectFrom("contacts").selectAll().where("id", "=", id).executeTakeFirst();
    if (!before) throw new NotFoundError("contact", id);
    await refuseTaken(trx, input.numbers, id);
    const row = rowOf(id, input, Number(before.created_at), now);
    await trx.kysely.updateTable("contacts").set(row).where("id", "=", id).execute();
    await trx.kysely.deleteFrom("contact_numbers").where("contact_id", "=", id).execute();
    await trx.kysely.insertInto("contact_numbers").values(numberRows(id, input.numbers)).execute();
    return toContact(row, [...input.numbers]);
  });
}

/** Removes a contact and its numbers; answers what was removed. Throws NotFoundError. */
export async function deleteContact(db: GavelDb, id: string): Promise<Contact> {
  return db.kysely.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("contacts").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw new NotFoundError("contact", id);
    const numbers = (await numbersOf({ kysely: trx }, [id])).get(id) ?? [];
    await trx.deleteFrom("contact_numbers").where("contact_id", "=", id).execute();
    await trx.deleteFrom("contacts").where("id", "=", id).execute();
    return toContact(row, numbers);
  });
}

/**
 * Adds many contacts in one transaction (an import's good lines): all or none. A
 * number already in the directory, or given twice, throws DuplicateNumberError.
 */
export async function insertContacts(db: GavelDb, inputs: readonly ContactInput[], now = Date.now()): Promise<number> {
  inputs.forEach(checkContact);
  const all = inputs.flatMap((i) => i.numbers);
  const seen = new Set<string>();
  for (const n of all) {
    if (seen.has(n)) throw new DuplicateNumberError(n, null);
    seen.add(n);
  }
  const rows = inputs.map((input) => ({ row: rowOf(randomUUID(), input, now, now), numbers: input.numbers }));
  await writing(db, all, async (trx) => {
    await refuseTaken(trx, all, null);
    for (const part of chunks(rows, 200)) {
      await trx.kysely
        .insertInto("contacts")
        .values(part.map((p) => p.row))
        .execute();
      await trx.kysely
        .insertInto("contact_numbers")
        .values(part.flatMap((p) => numberRows(p.row.id, p.numbers)))
        .execute();
    }
  });
  return rows.length;
}
