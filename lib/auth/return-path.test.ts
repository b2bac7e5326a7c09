import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

describe("safeReturnPath", () => {
  it.each([
    ["/conferences/weekly-sync", "/conferences/weekly-sync"],
    ["/conferences/a%2Fb?x=1", "/conferences/a%2Fb?x=1"],
    ["http://localhost:3000/callouts", "/callouts"],
  ])("keeps same-origin path %s", (input, out) => {
    expect(safeReturnPath(input, "http://localhost:3000")).toBe(out);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/x",
    "javascript:alert(1)",
    "",
    null,
    "/login?x",
    "/a\nb",
  ])("refuses %s", (input) => {
    expect(safeReturnPath(input, "http://localhost:3000")).toBe("/");
  });
});
