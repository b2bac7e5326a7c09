import { describe, expect, it } from "vitest";
import { boundedText, ELLIPSIS } from "./bounded-text";

describe("boundedText", () => {
  it("keeps an ordinary sentence as it is", () => {
    expect(boundedText("Conference not found", 200)).toBe("Conference not found");
  });

  it("removes control, invisible and bidi characters and joins lines", () => {
    expect(boundedText("a\u0000b\u001b[31mc\r\nfake log line\u202eevil\u200b\u2066x\u0085", 200)).toBe(
      "ab[31mc fake log lineevilx",
    );
  });

  it("removes markup, comments and stray brackets", () => {
    expect(boundedText('<img src=x onerror="alert(1)">Hi <b>there</b><!-- x --> 1 < 2 >', 200)).toBe("Hi there 1 2");
    expect(boundedText("<script>alert(1)</script>", 200)).toBe("alert(1)");
  });

  it("caps the length in characters without splitting a surrogate pair", () => {
    const out = boundedText("😀".repeat(500), 10);
    expect(Array.from(out)).toHaveLength(10);
    expect(out.endsWith(ELLIPSIS)).toBe(true);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(boundedText("x".repeat(1_000_000), 200)).toHaveLength(200);
  });

  it("answers an empty string for what is not text", () => {
    expect(boundedText(undefined, 10)).toBe("");
    expect(boundedText(42, 10)).toBe("");
  });
});
