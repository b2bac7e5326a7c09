/** The chips' arrow keys: the next or previous chip, wrapping; other keys keep the choice. */
import { describe, expect, it } from "vitest";
import { chipAfterKey } from "./filter-chips";

const OPTIONS = ["all", "live", "ended"] as const;

describe("chipAfterKey", () => {
  it("moves forward and back with the arrows, wrapping at both ends", () => {
    expect(chipAfterKey(OPTIONS, "all", "ArrowRight")).toBe("live");
    expect(chipAfterKey(OPTIONS, "live", "ArrowDown")).toBe("ended");
    expect(chipAfterKey(OPTIONS, "ended", "ArrowRight")).toBe("all");
    expect(chipAfterKey(OPTIONS, "all", "ArrowLeft")).toBe("ended");
    expect(chipAfterKey(OPTIONS, "live", "ArrowUp")).toBe("all");
  });

  it("keeps the choice for any other key", () => {
    expect(chipAfterKey(OPTIONS, "live", "Enter")).toBe("live");
    expect(chipAfterKey(OPTIONS, "live", " ")).toBe("live");
  });
});
