import { describe, expect, it } from "vitest";
import { pageLimitSchema } from "./list-query";

describe("pageLimitSchema", () => {
  const limit = pageLimitSchema(200, 50);

  it("reads a whole number from the query string, the default when absent or blank", () => {
    expect(limit.parse("20")).toBe(20);
    expect(limit.parse(undefined)).toBe(50);
    expect(limit.parse("")).toBe(50);
    expect(limit.parse("  ")).toBe(50);
  });

  it("refuses what is not a whole number from 1 to the maximum, in the API's words", () => {
    const message = (v: unknown) => limit.safeParse(v).error?.issues[0]?.message;
    expect(message("abc")).toBe("must be a number");
    expect(message("1.5")).toBe("must be a whole number");
    expect(message("0")).toBe("must be at least 1");
    expect(message("201")).toBe("must be at most 200");
  });
});
