/**
 * Listing the directory: one page of contacts in name order, found by words of the
 * name and organisation (folded: lower case, no accents, so one LIKE serves both
 * engines alike) or by digits of a number; and every contact a page at a time for
 * the CSV export. Storage and changes are in ./contacts.ts.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { foldForSearch, numbersOf, toContact, type Contact } from "./contacts";
import type { GavelDb, Tables } from "./index";
import type { ContactsTable } from "./schema";

export interface ContactSearch {
  /** Words that must each appear in the name or organisation (any case, accents ignored). */
  words?: readonly string[];
  /** Digit strings: a contact matches when one of its numbers contains one of them. */
  numberDigits?: readonly string[];
  offset?: number;
  limit?: number;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
function contains(ref: Expression<string>, text: string) {
  return sql<SqlBool>`${ref} like ${`%${likeEscape(text)}%`} escape '\\'`;
}

function searchWhere(eb: ExpressionBuilder<Tables & { c: ContactsTable }, "c">, search: ContactSearch) {
  const words = (search.words ?? []).map(foldForSearch).filter((w) => w !== "");
  const digits = (search.numberDigits ?? []).filter((d) => /^\d+$/.test(d));
  const byWords = words.length ? eb.and(words.map((w) => contains(eb.ref("c.search_key"), w))) : null;
  const byNumber = digits.length
    ? eb.exists(
        eb
          .selectFrom("contact_numbers as n")
          .select("n.contact_id")
          .whereRef("n.contact_id", "=", "c.id")
          .where((inner) => inner.or(digits.map((d) => contains(inner.ref("n.number"), d)))),
      )
    : null;
  const parts = [byWords, byNumber].filter((p) => p !== null);
  return parts.length ? eb.or(parts) : sql<SqlBool>`1 = 1`;
}

/**
 * The order of names: the folded name byte by byte on both engines (PostgreSQL's
 * default collation would otherwise order by its locale's rules, and SQLite by bytes).
 */
function sortKey(db: GavelDb) {
  return db.engine === "postgres" ? sql<string>`c.sort_key collate "C"` : sql<string>`c.sort_key`;
}

/** One page of contacts in name order, with how many match in all. */
export async function listContacts(
  db: GavelDb,
  search: ContactSearch = {},
): Promise<{ contacts: Contact[]; total: number }> {
  const offset = Math.max(0, search.offset ?? 0);
  const limit = Math.max(1, search.limit ?? 50);
  const [rows, count] = await Promise.all([
    db.kysely
      .selectFrom("contacts as c")
      .selectAll("c")
      .where((eb) => searchWhere(eb, search))
      .orderBy(sortKey(db))
      .orderBy("c.id")
      .offset(offset)
      .limit(limit)
      .execute(),
    db.kysely
      .selectFrom("contacts as c")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where((eb) => searchWhere(eb, search))
      .executeTakeFirstOrThrow(),
  ]);
  const numbers = await numbersOf(
    db,
    rows.map((r) => r.id),
  );
  return { contacts: rows.map((r) => toContact(r, numbers.get(r.id) ?? [])), total: Number(count.n) };
}

/** Every contact in name order, a page at a time (for the CSV export). */
export async function* iterateContacts(db: GavelDb, pageSize = 500): AsyncGenerator<Contact[]> {
  let after: { sort: string; id: string } | null = null;
  for (;;) {
    const cursor: { sort: string; id: string } | null = after;
    const rows: ContactsTable[] = await db.kysely
      .selectFrom("contacts as c")
      .selectAll("c")
      .$if(cursor !== null, (q) =>
        q.where((eb) =>
          eb.or([
            eb(sortKey(db), ">", cursor!.sort),
            eb.and([eb("c.sort_key", "=", cursor!.sort), eb("c.id", ">", cursor!.id)]),
          ]),
        ),
      )
      .orderBy(sortKey(db))
      .orderBy("c.id")
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    const numbers = await numbersOf(
      db,
      rows.map((r) => r.id),
    );
    yield rows.map((r) => toContact(r, numbers.get(r.id) ?? []));
    const last = rows[rows.length - 1]!;
    after = { sort: last.sort_key, id: last.id };
    if (rows.length < pageSize) return;
  }
}
