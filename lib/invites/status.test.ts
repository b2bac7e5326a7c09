import { describe, expect, it } from "vitest";
import { dialTargets, groupInvites, inviteName, inviteStatus } from "./status";
import type { InviteView } from "./types";

const invite = (number: string, over: Partial<InviteView> = {}): InviteView => ({
  number,
  label: null,
  name: null,
  matchNumbers: [number],
  seen: false,
  addedBy: null,
  addedAt: "2026-01-01T00:00:00.000Z",
  ...over,
});

const A = invite("+46701000001");
const B = invite("+46701000002", { seen: true });
const C = invite("+46701000003", { matchNumbers: ["+46701000003", "+46701000009"], seen: true });
const D = invite("+46701000004");

describe("invite status", () => {
  it("is present when any of the invitee's numbers is connected, left when seen before, else missing", () => {
    const present = new Set(["+46701000009"]);
    expect([A, B, C, D].map((i) => inviteStatus(i, present))).toEqual(["missing", "left", "present", "missing"]);
    expect(groupInvites([A, B, C, D], present)).toEqual({ present: [C], missing: [A, D], left: [B] });
  });

  it("dials the missing, and the left ones only when asked, never the present", () => {
    const present = new Set(["+46701000001"]);
    expect(dialTargets([A, B, C, D], present, false)).toEqual([D]);
    expect(dialTargets([A, B, C, D], present, true)).toEqual([B, C, D]);
  });

  it("names an invitee by the directory first, then the pasted label", () => {
    expect(inviteName({ name: "Dir", label: "Pasted" })).toBe("Dir");
    expect(inviteName({ name: null, label: "Pasted" })).toBe("Pasted");
    expect(inviteName({ name: null, label: null })).toBeNull();
  });
});
