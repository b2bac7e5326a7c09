import { describe, expect, it } from "vitest";
import {
  AnnounceThrottle,
  ANNOUNCE_GAP_MS,
  HIGHLIGHT_KEEP_MS,
  PresenceTracker,
  presenceSentence,
  sameMembers,
} from "./presence";
import type { LiveParticipant } from "./schemas";

const p = (callId: string, extra: Partial<LiveParticipant> = {}): LiveParticipant => ({
  callId,
  cli: `+4670${callId}`,
  duration: 10,
  muted: false,
  onhold: false,
  label: null,
  ...extra,
});

const ids = (v: { joined: readonly LiveParticipant[] } | { left: readonly LiveParticipant[] }) =>
  ("joined" in v ? v.joined : v.left).map((x) => x.callId);

describe("PresenceTracker", () => {
  it("highlights nobody on the first list: they were there when the page opened", () => {
    const t = new PresenceTracker();
    const v = t.update([p("a"), p("b")], 1000, true);
    expect(v.joinedIds.size).toBe(0);
    expect(v.change.seq).toBe(0);
    expect(v.change.joined).toEqual([]);
  });

  it("highlights a callId that was not in the previous list, and reports one that is gone", () => {
    const t = new PresenceTracker();
    t.update([p("a"), p("b")], 1000, true);
    const v = t.update([p("a"), p("c")], 3000, true);
    expect([...v.joinedIds]).toEqual(["c"]);
    expect(ids({ joined: v.change.joined })).toEqual(["c"]);
    expect(ids({ left: v.change.left })).toEqual(["b"]);
    expect(v.change.seq).toBe(1);
  });

  it("changes nothing for the same list again (a 304, a second render) or the same callIds", () => {
    const t = new PresenceTracker();
    t.update([p("a")], 1000, true);
    const list = [p("a"), p("b")];
    const v1 = t.update(list, 3000, true);
    expect(t.update(list, 3000, true)).toBe(v1);
    // A later poll with the same people (durations moved on, a mute confirmed): no change, same Set.
    const v2 = t.update([p("a", { duration: 12, muted: true }), p("b", { duration: 2 })], 5000, true);
    expect(v2.change).toBe(v1.change);
    expect(v2.joinedIds).toBe(v1.joinedIds);
  });

  it("a callId that left and came back is a join again", () => {
    const t = new PresenceTracker();
    t.update([p("a"), p("b")], 0, true);
    const gone = t.update([p("a")], 2000, true);
    expect(ids({ left: gone.change.left })).toEqual(["b"]);
    const back = t.update([p("a"), p("b")], 4000, true);
    expect(ids({ joined: back.change.joined })).toEqual(["b"]);
    expect(back.joinedIds.has("b")).toBe(true);
    expect(back.change.seq).toBe(2);
  });

  it("drops a highlight on a poll after it ran out, and keeps the Set while nothing changes", () => {
    const t = new PresenceTracker();
    t.update([p("a")], 0, true);
    const v = t.update([p("a"), p("b")], 1000, true);
    const still = t.update([p("a"), p("b", { duration: 11 })], 2000, true);
    expect(still.joinedIds).toBe(v.joinedIds);
    const after = t.update([p("a"), p("b", { duration: 30 })], 1000 + HIGHLIGHT_KEEP_MS, true);
    expect(after.joinedIds.size).toBe(0);
  });

  it("counts joins seen while hidden and highlights them once the tab is visible", () => {
    const t = new PresenceTracker();
    t.update([p("a")], 0, true);
    const hidden = t.update([p("a"), p("b"), p("c")], 2000, false);
    expect(hidden.joinedWhileHidden).toBe(2);
    expect(hidden.joinedIds.size).toBe(0);
    const shown = t.update([p("a"), p("b"), p("c")], 2000, true);
    expect(shown.joinedWhileHidden).toBe(0);
    expect([...shown.joinedIds].sort()).toEqual(["b", "c"]);
    // Announced once, not again when revealed.
    expect(shown.change).toBe(hidden.change);
  });

  it("does not count a hidden join who left before the tab was shown", () => {
    const t = new PresenceTracker();
    t.update([p("a")], 0, true);
    t.update([p("a"), p("b")], 2000, false);
    const v = t.update([p("a")], 4000, false);
    expect(v.joinedWhileHidden).toBe(0);
  });
});

describe("sameMembers", () => {
  it("compares the calls, in Sinch's order or any other, whatever their state", () => {
    const list = [p("a"), p("b"), p("c")];
    expect(sameMembers(list, [p("a", { muted: true }), p("b"), p("c", { duration: 99 })])).toBe(true);
    expect(sameMembers(list, [p("c"), p("a"), p("b")])).toBe(true);
    // The same count, one call swapped for another: at the end, and where the order first differs.
    expect(sameMembers(list, [p("a"), p("b"), p("d")])).toBe(false);
    expect(sameMembers(list, [p("b"), p("a"), p("d")])).toBe(false);
    expect(sameMembers(list, [p("a"), p("b")])).toBe(false);
    expect(sameMembers(undefined, list)).toBe(false);
    expect(sameMembers(list, list)).toBe(true);
  });
});

describe("presenceSentence", () => {
  it("names one, a few, or the first three of many", () => {
    expect(presenceSentence(["Ann"], [])).toBe("Ann joined.");
    expect(presenceSentence(["Ann", "Bob"], ["Cy"])).toBe("2 joined: Ann and Bob. Cy left.");
    const many = Array.from({ length: 200 }, (_, i) => `P${i}`);
    expect(presenceSentence(many, [])).toBe("200 joined: P0, P1, P2 and 197 others.");
  });
});

describe("AnnounceThrottle", () => {
  it("lets one announcement out per gap and gathers what comes meanwhile", () => {
    const th = new AnnounceThrottle();
    th.add(["Ann"], []);
    expect(th.take(0)?.text).toBe("Ann joined.");
    th.add(["Bob"], []);
    th.add(["Cy"], ["Ann"]);
    expect(th.take(1000)).toBeNull();
    expect(th.dueAt()).toBe(ANNOUNCE_GAP_MS);
    expect(th.take(ANNOUNCE_GAP_MS)).toEqual({ text: "2 joined: Bob and Cy. Ann left.", joined: 2, left: 1 });
    expect(th.dueAt()).toBeNull();
    expect(th.take(ANNOUNCE_GAP_MS * 3)).toBeNull();
  });

  it("a 200-person storm over several polls is a handful of sentences, not 200", () => {
    const th = new AnnounceThrottle();
    const said: string[] = [];
    let counted = 0;
    for (let poll = 0; poll < 10; poll++) {
      th.add(
        Array.from({ length: 20 }, (_, i) => `P${poll * 20 + i}`),
        [],
      );
      const a = th.take(poll * 2000);
      if (a) said.push(a.text);
      counted += a?.joined ?? 0;
    }
    const last = th.take(th.dueAt()!);
    if (last) said.push(last.text);
    counted += last?.joined ?? 0;
    expect(said.length).toBeLessThanOrEqual(5);
    // Everyone is counted in some sentence.
    expect(counted).toBe(200);
  });
});
