import { describe, expect, it } from "vitest";
import { csvDocument } from "../audit/csv";
import { checkImportRows, parseContactsCsv, readableNumbers } from "./import";

const none = new Map<string, { name: string }>();

describe("parseContactsCsv", () => {
  it("finds columns by name, every number column, and several numbers in one cell", () => {
    const { rows, header } = parseContactsCsv(
      "Company;Full name;Phone;Mobile;Notes\nAcme;Ann;+44 20 7946 0001 | +44 20 7946 0002;+1 202 555 0101;chair\n",
    );
    expect(header).toBe(true);
    expect(rows).toEqual([
      {
        line: 2,
        name: "Ann",
        numbers: ["+44 20 7946 0001", "+44 20 7946 0002", "+1 202 555 0101"],
        organisation: "Acme",
        notes: "chair",
      },
    ]);
  });

  it("reads a file without a header in the export's order", () => {
    const { rows, header } = parseContactsCsv("Bob,+12025550102,Beta,likes tea\n\nCy,+12025550103");
    expect(header).toBe(false);
    expect(rows.map((r) => [r.line, r.name, r.organisation])).toEqual([
      [1, "Bob", "Beta"],
      [3, "Cy", ""],
    ]);
  });

  it("reads its own export back, formula protection undone", () => {
    const text = csvDocument(
      ["Name", "Numbers", "Organisation", "Notes"],
      [["=Evil", "+442079460001; +12025550104", "-Org", "line one\nline two"]],
    );
    const { rows } = parseContactsCsv(text);
    expect(rows).toEqual([
      {
        line: 2,
        name: "=Evil",
        numbers: ["+442079460001", "+12025550104"],
        organisation: "-Org",
        notes: "line one\nline two",
      },
    ]);
    expect(checkImportRows(rows, "US", none)[0]).toMatchObject({ ok: true, errors: [] });
  });
});

describe("checkImportRows", () => {
  it("names every reason a line cannot be imported", () => {
    const { rows } = parseContactsCsv(
      [
        "name,number",
        "Ann,(202) 555-0101",
        ",+12025550102",
        "Bad,+1 202 555",
        "Dup,+1 202-555-0101",
        "Taken,+12025550109",
        "Empty,",
        "Letters,call me",
      ].join("\n"),
    );
    const holders = new Map([["+12025550109", { name: "Zoe Holder" }]]);
    expect(readableNumbers(rows, "US")).toEqual(["+12025550101", "+12025550102", "+12025550101", "+12025550109"]);
    expect(checkImportRows(rows, "US", holders).map((l) => [l.line, l.ok, l.errors])).toEqual([
      [2, true, []],
      [3, false, ["has no name"]],
      [4, false, ["+1 202 555: is too short for a number in country code +1"]],
      [5, false, ["+12025550101 is already on line 2"]],
      [6, false, ["+12025550109 already belongs to Zoe Holder in the directory"]],
      [7, false, ["has no number"]],
      [8, false, ["call me: letters are not allowed in a phone number"]],
    ]);
  });
});
