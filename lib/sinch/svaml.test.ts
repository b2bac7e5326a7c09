import { describe, expect, it } from "vitest";
import { connectConfOf, jsonNesting } from "./svaml";

describe("connectConfOf", () => {
  it("recognises a connectConf action, case-insensitively, with its music on hold", () => {
    expect(connectConfOf('{"action":{"name":"ConnectConf","conferenceId":"room","moh":"music2"}}')).toEqual({
      kind: "connectConf",
      conferenceId: "room",
      moh: "music2",
    });
  });

  it("a connectConf without a usable conferenceId is invalid; URLs and other actions are not conferences", () => {
    expect(connectConfOf('{"action":{"name":"connectConf"}}')).toEqual({ kind: "invalidConnectConf" });
    expect(connectConfOf(`{"action":{"name":"connectConf","conferenceId":"${"x".repeat(65)}"}}`)).toEqual({
      kind: "invalidConnectConf",
    });
    expect(connectConfOf("https://example.com/ice")).toEqual({ kind: "other" });
    expect(connectConfOf('{"action":{"name":"hangup"}}')).toEqual({ kind: "other" });
    expect(connectConfOf("null")).toEqual({ kind: "other" });
    expect(connectConfOf(undefined)).toEqual({ kind: "other" });
  });
});

describe("jsonNesting", () => {
  it("counts how deep objects and arrays nest, ignoring brackets inside strings", () => {
    expect(jsonNesting('{"action":{"name":"hangup"}}')).toBe(2);
    expect(jsonNesting('{"instructions":[{"name":"say","text":"[[[{{{\\"]]]"}]}')).toBe(3);
    expect(jsonNesting("[]")).toBe(1);
    expect(jsonNesting('"just text"')).toBe(0);
  });

  it("reads 9,000 levels without recursion", () => {
    expect(jsonNesting("[".repeat(9_000) + "]".repeat(9_000))).toBe(9_000);
  });
});
