/**
 * CSV for spreadsheets (RFC 4180 quoting, CRLF rows, UTF-8 with a byte-order mark
 * so Excel reads accents and scripts correctly) that cannot be turned against the
 * person opening it: a text cell starting with =, +, -, @, a tab or a carriage
 * return would be read as a formula (CSV injection, OWASP), so it gets a leading
 * single quote. Numbers Gavel itself produces are written as numbers and left alone.
 * Pure and client-safe.
 */

/** Put first in a file: tells Excel the file is UTF-8. */
export const CSV_BOM = "\uFEFF";

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: neutralised if it could be a formula, quoted if it holds a quote, comma or line break. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  // A leading or trailing space survives only inside quotes in some readers.
  if (NEEDS_QUOTES.test(text) || text !== text.trim()) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** One row, CRLF-terminated. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}

/** A whole document: BOM, header row, rows. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return CSV_BOM + csvRow(header) + rows.map(csvRow).join("");
}

/** "2026-11-27 16:00:05" in UTC (with ".123" when `ms`): a form spreadsheets read as a date and time. */
export function csvTime(epochMs: number | null | undefined, ms = false): string {
  if (epochMs === null || epochMs === undefined) return "";
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, ms ? 23 : 19)}`;
}

/** A duration as h:mm:ss, e.g. 3725 s → "1:02:05". */
export function csvDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * Parses CSV produced by csvDocument (RFC 4180), for tests and for anyone checking
 * an export: returns rows of cells, BOM dropped.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = text.startsWith(CSV_BOM) ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
