import { describe, expect, it } from "vitest";
import { homeSearchQuery, readHomeSearch } from "./home-search";

describe("the home's search in the URL", () => {
  it("reads q and show, leniently", () => {
    expect(readHomeSearch(new URLSearchParams("q=board&show=live"))).toEqual({ q: "board", show: "live" });
    expect(readHomeSearch({ q: ["a", "b"], show: "nonsense" })).toEqual({ q: "a", show: "all" });
    expect(readHomeSearch({})).toEqual({ q: "", show: "all" });
    expect(readHomeSearch({ q: "x".repeat(300) }).q).toHaveLength(100);
  });

  it("writes only what differs from everything, and reads back what it wrote", () => {
    expect(homeSearchQuery({ q: "", show: "all" })).toBe("");
    expect(homeSearchQuery({ q: "  ", show: "pinned" })).toBe("show=pinned");
    const search = { q: "Åsa & co", show: "mine" } as const;
    expect(readHomeSearch(new URLSearchParams(homeSearchQuery(search)))).toEqual(search);
  });
});
