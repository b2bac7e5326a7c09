import { describe, expect, it } from "vitest";
import { bulkFailed, isAccepted, mergeUnconfirmed, stillOpen, type UnconfirmedItem } from "./outcomes";

const item = (over: Partial<UnconfirmedItem> = {}): UnconfirmedItem => ({
  requestId: "r1",
  callId: "a",
  action: "mute",
  change: { kind: "command", callId: "a", command: "mute", unconfirmed: "r1" },
  answeredAt: 1_000,
  ...over,
});
const live = (over: Record<string, unknown>) => ({
  conferenceId: "c",
  participants: [],
  fetchedAt: "",
  receivedAt: 2_000,
  requestedAt: 1_500,
  unconfirmed: [],
  resolved: [],
  ...over,
});

describe("unknown outcomes in the browser", () => {
  it("knows a 202's body from a confirmed answer", () => {
    expect(isAccepted({ outcome: "unknown", requestId: "r1", message: "m" })).toBe(true);
    expect(isAccepted({ ok: true })).toBe(false);
    expect(isAccepted(undefined)).toBe(false);
  });

  it("keeps a command open while a list asked for before its 202 does not name it", () => {
    expect(stillOpen(item(), live({ requestedAt: 900, receivedAt: 1_100 }))).toBe(true);
    expect(stillOpen(item(), live({}))).toBe(false);
    expect(
      stillOpen(item(), live({ unconfirmed: [{ requestId: "r1", action: "mute", callId: "a", since: "" }] })),
    ).toBe(true);
  });

  it("closes a command once resolved, even if the list still names it", () => {
    const resolved = [{ requestId: "r1", action: "mute", callId: "a", outcome: "failed", decidedAt: "", note: "" }];
    const unconfirmed = [{ requestId: "r1", action: "mute", callId: "a", since: "" }];
    expect(stillOpen(item(), live({ resolved, unconfirmed }))).toBe(false);
  });

  it("against a server without reconciliation only a resolution closes it", () => {
    const old = { conferenceId: "c", participants: [], fetchedAt: "", receivedAt: 5_000 };
    expect(stillOpen(item(), old)).toBe(true);
  });

  it("a bulk item (no request id of its own) matches by participant and action", () => {
    const bulk = item({ requestId: undefined });
    const listed = live({ unconfirmed: [{ requestId: "x", action: "mute", callId: "a", since: "" }] });
    expect(stillOpen(bulk, listed)).toBe(true);
    // The server's entry for it is not drawn twice.
    expect(mergeUnconfirmed([bulk], listed)).toHaveLength(1);
  });

  it("adds the server's unconfirmed commands this tab did not send", () => {
    const merged = mergeUnconfirmed(
      [],
      live({ unconfirmed: [{ requestId: "r9", action: "kick", callId: "b", since: "" }] }),
    );
    expect(merged.map((m) => m.change)).toEqual([{ kind: "kick", callId: "b", unconfirmed: "r9" }]);
  });

  it("a bulk result whose outcome is unknown is not a failure", () => {
    expect(bulkFailed({ callId: "a", ok: false, outcome: "unknown" })).toBe(false);
    expect(bulkFailed({ callId: "a", ok: false, outcome: "failed" })).toBe(true);
    expect(bulkFailed({ callId: "a", ok: false })).toBe(true);
  });
});
