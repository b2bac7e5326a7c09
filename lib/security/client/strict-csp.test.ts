/**
 * prepareForStrictCsp makes zod jitless without importing it: it relies on zod keeping
 * its settings on globalThis.__zod_globalConfig. If a zod upgrade moves them, this fails.
 */
import { describe, expect, it } from "vitest";
import { prepareForStrictCsp } from "./strict-csp";

describe("prepareForStrictCsp", () => {
  it("sets zod's jitless setting where zod reads it", async () => {
    // Just enough of a page: prepareForStrictCsp does nothing without a document.
    const page = globalThis as { document?: unknown };
    page.document = { querySelector: () => null };
    try {
      prepareForStrictCsp();
    } finally {
      delete page.document;
    }
    const { z } = await import("zod");
    expect(z.config().jitless).toBe(true);
    expect(z.config()).toBe(globalThis.__zod_globalConfig);
  });
});
