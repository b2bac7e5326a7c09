/**
 * "Dial a list": what a person pastes or uploads, read into numbers and labels.
 * Client-safe and pure.
 *
 * Accepted: one number a line, or CSV (comma, semicolon or tab, detected from the
 * first line) with a number and a label, quotes as in RFC 4180 ("" is a quote, a
 * quoted field may hold the delimiter or a line break), and an optional header row
 * (a first row whose number cell has no digit). With a header, the columns are
 * found by name (number/phone/tel/mobile, label/name); without one, the number is
 * the first column that has digits in it, and the label the other one.
 */
import { normalisePhoneNumber } from "./phone";

export interface DialListLine {
  /** 1-based line in the text where this record starts. */
  line: number;
  /** The number as written. */
  number: string;
  label: string | undefined;
}

export interface DialListParse {
  lines: DialListLine[];
  /** True when the first row was taken as column names. */
  header: boolean;
}

/** One record and the line it starts on. */
interface Row {
  line: number;
  cells: string[];
}

function detectDelimiter(text: string): string {
  const first = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== "") ?? "";
  const outside = first.replace(/"[^"]*"/g, "");
  for (const d of ["\t", ";", ","]) if (outside.includes(d)) return d;
  return ",";
}

/** RFC 4180 records, blank lines skipped, cells trimmed. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): Row[] {
  const rows: Row[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  let cellWasQuoted = false;

  const endCell = () => {
    cells.push(cellWasQuoted ? cell : cell.trim());
    cell = "";
    cellWasQuoted = false;
  };
  const endRow = () => {
    endCell();
    if (cells.some((c) => c.trim() !== "")) rows.push({ line: rowStart, cells });
    cells = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cellWasQuoted = true;
      cell = "";
    } else if (ch === delimiter) {
      endCell();
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowStart = line;
    } else if (!(cellWasQuoted && !quoted && /\s/.test(ch ?? ""))) {
      // Text after a closing quote (other than spaces) is kept, as most spreadsheets do.
      cell += ch;
    }
  }
  endRow();
  return rows;
}

const NUMBER_HEADER = /^(phone|number|phone ?number|tel|telephone|mobile|cell|msisdn|destination|e164|to)$/i;
const LABEL_HEADER = /^(label|name|display ?name|who|participant|custom)$/i;

const hasDigit = (s: string | undefined) => s !== undefined && /\d/.test(s);

export function parseDialList(text: string): DialListParse {
  const rows = parseCsv(text);
  const first = rows[0];
  if (!first) return { lines: [], header: false };

  let header = false;
  let numberCol = 0;
  let labelCol: number | undefined = 1;

  if (!first.cells.some(hasDigit)) {
    header = true;
    const n = first.cells.findIndex((c) => NUMBER_HEADER.test(c.trim()));
    numberCol = n >= 0 ? n : 0;
    const l = first.cells.findIndex((c, i) => i !== numberCol && LABEL_HEADER.test(c.trim()));
    labelCol = l >= 0 ? l : first.cells.findIndex((_, i) => i !== numberCol);
    if (labelCol !== undefined && labelCol < 0) labelCol = undefined;
  } else if (!hasDigit(first.cells[0]) && hasDigit(first.cells[1])) {
    // "Alice,+1 202 555 0143": the label comes first.
    numberCol = 1;
    labelCol = 0;
  }

  const lines = (header ? rows.slice(1) : rows).map((r) => {
    const label = labelCol === undefined ? undefined : r.cells[labelCol]?.trim();
    return { line: r.line, number: (r.cells[numberCol] ?? "").trim(), label: label ? label : undefined };
  });
  return { lines, header };
}

export type CheckedLine = DialListLine & ({ ok: true; e164: string } | { ok: false; message: string });

/** Each line's number normalised, or why it cannot be dialled (a second copy of a number is refused). */
export function checkDialList(lines: readonly DialListLine[], defaultCountry?: string | null): CheckedLine[] {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    const r = normalisePhoneNumber(l.number, defaultCountry);
    if (!r.ok) return { ...l, ok: false, message: r.message };
    const earlier = seen.get(r.e164);
    if (earlier !== undefined) return { ...l, ok: false, message: `is already on line ${earlier}` };
    seen.set(r.e164, l.line);
    return { ...l, ok: true, e164: r.e164 };
  });
}
