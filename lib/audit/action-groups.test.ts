/** The audit page's action filter: every action can be picked, under exactly one group. */
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "../vocabulary/audit";
import { AUDIT_ACTION_GROUPS, AUDIT_ACTION_LABELS } from "./types";

describe("audit action groups", () => {
  it("put every action in exactly one group", () => {
    const grouped = AUDIT_ACTION_GROUPS.flatMap((g) => g.actions);
    expect([...grouped].sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it("give every action a label", () => {
    for (const a of AUDIT_ACTIONS) expect(AUDIT_ACTION_LABELS[a], a).toMatch(/\S/);
  });
});
