import { describe, expect, it } from "vitest";
import { checkDialList, parseCsv, parseDialList } from "./dial-list";

describe("parseDialList", () => {
  it("reads one number a line, skipping blank lines", () => {
    expect(parseDialList("+1 202 555 0143\n\n  (202) 555-0144  \r\n")).toEqual({
      header: false,
      lines: [
        { line: 1, number: "+1 202 555 0143", label: undefined },
        { line: 3, number: "(202) 555-0144", label: undefined },
      ],
    });
  });

  it("reads CSV with a header row, quotes, escaped quotes and commas inside quotes", () => {
    const text = 'Name,Phone\n"Smith, Ann","+1 202 555 0143"\n"Bob ""the builder""",2025550144\n';
    expect(parseDialList(text)).toEqual({
      header: true,
      lines: [
        { line: 2, number: "+1 202 555 0143", label: "Smith, Ann" },
        { line: 3, number: "2025550144", label: 'Bob "the builder"' },
      ],
    });
  });

  it("reads number,label without a header, and label,number too", () => {
    expect(parseDialList("+12025550143,Ann\n+12025550144,Bob").lines.map((l) => [l.number, l.label])).toEqual([
      ["+12025550143", "Ann"],
      ["+12025550144", "Bob"],
    ]);
    expect(parseDialList("Ann;+12025550143\nBob;+12025550144").lines.map((l) => [l.number, l.label])).toEqual([
      ["+12025550143", "Ann"],
      ["+12025550144", "Bob"],
    ]);
  });

  it("detects tab and semicolon delimiters and keeps line numbers across quoted line breaks", () => {
    expect(parseCsv('a\t"b\nc"\nd\te')).toEqual([
      { line: 1, cells: ["a", "b\nc"] },
      { line: 3, cells: ["d", "e"] },
    ]);
    expect(parseDialList("number;label\n+12025550143;A").lines).toEqual([
      { line: 2, number: "+12025550143", label: "A" },
    ]);
  });
});

describe("checkDialList", () => {
  it("normalises each number and says what is wrong with the others, duplicates included", () => {
    const checked = checkDialList(parseDialList("2025550143\n+999 123\n(202) 555-0143\nabc").lines, "US");
    expect(checked).toEqual([
      { line: 1, number: "2025550143", label: undefined, ok: true, e164: "+12025550143" },
      { line: 2, number: "+999 123", label: undefined, ok: false, message: "unknown country code +999" },
      { line: 3, number: "(202) 555-0143", label: undefined, ok: false, message: "is already on line 1" },
      { line: 4, number: "abc", label: undefined, ok: false, message: "letters are not allowed in a phone number" },
    ]);
  });
});
