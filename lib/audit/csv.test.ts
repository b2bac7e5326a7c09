import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvDocument, csvDuration, csvRow, csvTime, parseCsv } from "./csv";

describe("csvCell", () => {
  it("leaves plain text and numbers alone", () => {
    expect(csvCell("weekly-sync")).toBe("weekly-sync");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(true)).toBe("true");
  });

  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line 1\nline 2")).toBe('"line 1\nline 2"');
    expect(csvCell("line 1\r\nline 2")).toBe('"line 1\r\nline 2"');
    expect(csvCell(" padded ")).toBe('" padded "');
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=1+2")).toBe("'=1+2");
    expect(csvCell("+46708168731")).toBe("'+46708168731");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1:A2)")).toBe("'@SUM(A1:A2)");
    expect(csvCell("\t=cmd")).toBe("'\t=cmd");
    expect(csvCell("\r=cmd")).toBe('"\'\r=cmd"');
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(
      '"\'=HYPERLINK(""http://evil.example"",""click"")"',
    );
    // Only the start matters.
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("keeps unicode as it is", () => {
    expect(csvCell("Zoë Ångström 日本語 🎉")).toBe("Zoë Ångström 日本語 🎉");
  });
});

describe("documents", () => {
  it("start with a BOM, end rows with CRLF, and parse back to the same cells", () => {
    const rows = [
      ["=cmd|' /C calc'!A0", 'he said "no", then left', "multi\nline", "Zoë 日本語", 12, null],
      ["+46 70 816 87 31", "@admin", "-", "", -1, "ok"],
    ];
    const doc = csvDocument(["A", "B", "C", "D", "E", "F"], rows);
    expect(doc.startsWith(CSV_BOM + "A,B,C,D,E,F\r\n")).toBe(true);
    expect(doc.endsWith("\r\n")).toBe(true);
    expect(parseCsv(doc)).toEqual([
      ["A", "B", "C", "D", "E", "F"],
      ["'=cmd|' /C calc'!A0", 'he said "no", then left', "multi\nline", "Zoë 日本語", "12", ""],
      ["'+46 70 816 87 31", "'@admin", "'-", "", "-1", "ok"],
    ]);
    expect(csvRow(["x"])).toBe("x\r\n");
  });
});

describe("times and durations", () => {
  it("writes UTC times spreadsheets read, and h:mm:ss durations", () => {
    expect(csvTime(Date.UTC(2026, 10, 27, 16, 0, 5, 123))).toBe("2026-11-27 16:00:05");
    expect(csvTime(Date.UTC(2026, 10, 27, 16, 0, 5, 123), true)).toBe("2026-11-27 16:00:05.123");
    expect(csvTime(null)).toBe("");
    expect(csvDuration(0)).toBe("0:00:00");
    expect(csvDuration(3725)).toBe("1:02:05");
    expect(csvDuration(59.6)).toBe("0:01:00");
    expect(csvDuration(-5)).toBe("0:00:00");
  });
});
