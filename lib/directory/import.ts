/**
 * A directory import: CSV text read into contacts, each line either good or named
 * with every reason it cannot be imported. Pure (the server runs it for the preview
 * and again for the commit); it reads CSV with the dial list's reader
 * (lib/callouts/dial-list.ts: RFC 4180, comma, semicolon or tab) and numbers with
 * the callouts' phone rules (lib/callouts/phone.ts), so a number the dial list
 * accepts the directory accepts, and the reasons read the same.
 *
 * Columns: with a header row (a first row with no digit), found by name: name,
 * number or numbers (every such column: "Phone", "Mobile"), organisation, notes.
 * Without one: name, numbers, organisation, notes, in that order (the export's).
 * One cell may hold several numbers separated by `;`, `|` or a line break. A cell
 * the export protected against formulas ('+44…) is read without its quote, so an
 * export imports again as it is.
 */
import { parseCsv } from "../callouts/dial-list";
import { normalisePhoneNumber } from "../callouts/phone";
import {
  CONTACT_NAME_MAX,
  CONTACT_NOTES_MAX,
  CONTACT_NUMBERS_MAX,
  CONTACT_ORGANISATION_MAX,
} from "../vocabulary/directory";

/** One record of the file, as written. */
export interface ImportRow {
  /** 1-based line in the text where the record starts. */
  line: number;
  name: string;
  /** The numbers as written. */
  numbers: string[];
  organisation: string;
  notes: string;
}

export interface ImportLine {
  line: number;
  name: string;
  /** E.164 for the numbers that could be read, as written for the others. */
  numbers: string[];
  organisation: string | null;
  notes: string | null;
  ok: boolean;
  /** Why the line cannot be imported (empty when ok). */
  errors: string[];
}

const NAME_HEADER = /^(name|full ?name|display ?name|contact|person|who|label)$/i;
const NUMBER_HEADER =
  /^(numbers?|phones?|phone ?numbers?|tel|telephone|mobile|cell|msisdn|e164|work|home|office)( ?\d+)?$/i;
const ORGANISATION_HEADER = /^(organi[sz]ations?|org|company|employer|team)$/i;
const NOTES_HEADER = /^(notes?|comments?|remarks?|details)$/i;

const hasDigit = (s: string) => /\d/.test(s);
const splitNumbers = (cell: string) =>
  cell
    .split(/[;|\r\n]+/)
    .map((n) => n.trim())
    .filter((n) => n !== "");

export interface ParsedImport {
  rows: ImportRow[];
  /** True when the first row was taken as column names. */
  header: boolean;
}

export function parseContactsCsv(text: string): ParsedImport {
  const records = parseCsv(text.replace(/^\uFEFF/, ""));
  const first = records[0];
  if (!first) return { rows: [], header: false };
  // The dial list's rule (no digit at all), or known column names with no number among them ("Phone 2").
  const known = [NAME_HEADER, NUMBER_HEADER, ORGANISATION_HEADER, NOTES_HEADER];
  const header =
    !first.cells.some(hasDigit) ||
    (!first.cells.some((c) => /\d{3}/.test(c)) && first.cells.some((c) => known.some((re) => re.test(c.trim()))));
  let name = 0;
  let numbers = [1];
  let organisation = 2;
  let notes = 3;
  if (header) {
    const find = (re: RegExp) => first.cells.findIndex((c) => re.test(c.trim()));
    name = find(NAME_HEADER);
    numbers = first.cells.flatMap((c, i) => (NUMBER_HEADER.test(c.trim()) ? [i] : []));
    organisation = find(ORGANISATION_HEADER);
    notes = find(NOTES_HEADER);
    // Unnamed columns fall back to the export's order.
    if (name < 0) name = 0;
    if (numbers.length === 0) numbers = [1];
  }
  // The export's protection undone: a cell it wrote as '+44… or '=… reads as written before.
  const cell = (cells: string[], i: number) => (i < 0 ? "" : (cells[i] ?? "").trim().replace(/^'(?=[=+\-@\t\r])/, ""));
  const rows = (header ? records.slice(1) : records).map((r) => ({
    line: r.line,
    name: cell(r.cells, name),
    numbers: numbers.flatMap((i) => splitNumbers(cell(r.cells, i))),
    organisation: cell(r.cells, organisation),
    notes: cell(r.cells, notes),
  }));
  return { rows, header };
}

/** Every number of the rows that can be read, in E.164 (to ask the directory who holds them). */
export function readableNumbers(rows: readonly ImportRow[], defaultCountry: string | null): string[] {
  return rows.flatMap((r) =>
    r.numbers.flatMap((n) => {
      const p = normalisePhoneNumber(n, defaultCountry);
      return p.ok ? [p.e164] : [];
    }),
  );
}

/**
 * Checks each row: a name, at least one number, every number readable, no number
 * twice in the file or already in the directory (`holders`: E.164 → the name of the
 * contact holding it), and no field too long.
 */
export function checkImportRows(
  rows: readonly ImportRow[],
  defaultCountry: string | null,
  holders: ReadonlyMap<string, { name: string }>,
): ImportLine[] {
  const firstLineOf = new Map<string, number>();
  return rows.map((row) => {
    const errors: string[] = [];
    if (row.name === "") errors.push("has no name");
    else if (row.name.length > CONTACT_NAME_MAX) errors.push(`name is longer than ${CONTACT_NAME_MAX} characters`);
    if (row.organisation.length > CONTACT_ORGANISATION_MAX) {
      errors.push(`organisation is longer than ${CONTACT_ORGANISATION_MAX} characters`);
    }
    if (row.notes.length > CONTACT_NOTES_MAX) errors.push(`notes are longer than ${CONTACT_NOTES_MAX} characters`);
    if (row.numbers.length === 0) errors.push("has no number");
    if (row.numbers.length > CONTACT_NUMBERS_MAX) errors.push(`has more than ${CONTACT_NUMBERS_MAX} numbers`);

    const numbers: string[] = [];
    for (const written of row.numbers) {
      const p = normalisePhoneNumber(written, defaultCountry);
      if (!p.ok) {
        errors.push(`${written}: ${p.message}`);
        numbers.push(written);
        continue;
      }
      if (numbers.includes(p.e164)) continue; // the same number twice on one line: once is enough
      numbers.push(p.e164);
      const holder = holders.get(p.e164);
      if (holder) errors.push(`${p.e164} already belongs to ${holder.name} in the directory`);
      const earlier = firstLineOf.get(p.e164);
      if (earlier !== undefined) errors.push(`${p.e164} is already on line ${earlier}`);
      else firstLineOf.set(p.e164, row.line);
    }
    return {
      line: row.line,
      name: row.name,
      numbers,
      organisation: row.organisation || null,
      notes: row.notes || null,
      ok: errors.length === 0,
      errors,
    };
  });
}
