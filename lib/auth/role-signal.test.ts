import { afterEach, describe, expect, it } from "vitest";
import { contradicts, onRoleSignal, reportAnswer, type RoleSignal } from "./role-signal";

describe("role signals", () => {
  const heard: RoleSignal[] = [];
  const stop = onRoleSignal((s) => heard.push(s));
  afterEach(() => {
    heard.length = 0;
  });

  it("passes on the role each answer carries, and every 403", () => {
    reportAnswer(200, "support");
    reportAnswer(403, "support");
    reportAnswer(401, null);
    expect(heard).toEqual([
      { kind: "role", role: "support" },
      { kind: "role", role: "support" },
      { kind: "forbidden" },
    ]);
  });

  it("calls a different role or a refusal a contradiction of the page", () => {
    expect(contradicts({ kind: "role", role: "moderator" }, "moderator")).toBe(false);
    expect(contradicts({ kind: "role", role: "support" }, "moderator")).toBe(true);
    expect(contradicts({ kind: "forbidden" }, "admin")).toBe(true);
  });

  it("stops telling a listener that left", () => {
    stop();
    reportAnswer(200, "admin");
    expect(heard).toEqual([]);
  });
});
