import { describe, expect, it } from "vitest";
import type { LiveParticipant } from "./schemas";
import { formatAgo, formatDuration } from "./time";
import {
  applyPending,
  bulkTargets,
  EMPTY_SELECTION,
  isSelected,
  matchesSearch,
  roomSummary,
  RoomSummaries,
  selectedCount,
  selectionTarget,
  toggleSelected,
  viewParticipants,
} from "./view";

const p = (callId: string, cli: string, over: Partial<LiveParticipant> = {}): LiveParticipant => ({
  callId,
  cli,
  duration: 60,
  muted: false,
  onhold: false,
  label: null,
  ...over,
});

const room = [
  p("aaaa1111bbbb", "+46708168731", { duration: 30 }),
  p("cccc2222dddd", "+447700900123", { muted: true, duration: 300 }),
  p("eeee3333ffff", "+14155550100", { onhold: true, duration: 100, label: "Dial-in from HQ" }),
];

describe("search", () => {
  it("finds a number however it is typed", () => {
    expect(matchesSearch(room[0]!, "+46 70 816")).toBe(true);
    expect(matchesSearch(room[0]!, "0708168731".slice(1))).toBe(true);
    expect(matchesSearch(room[0]!, "(70) 816-87")).toBe(true);
    expect(matchesSearch(room[1]!, "+46")).toBe(false);
  });
  it("finds a call id and a label, ignoring case", () => {
    expect(matchesSearch(room[1]!, "CCCC22")).toBe(true);
    expect(matchesSearch(room[2]!, "hq")).toBe(true);
  });
  it("finds the directory's name, ignoring case", () => {
    const named = { ...room[0]!, name: "Émile Zola" };
    expect(matchesSearch(named, "émile")).toBe(true);
    expect(matchesSearch(named, "ZOLA")).toBe(true);
    expect(matchesSearch(room[0]!, "zola")).toBe(false);
  });
  it("does not match digits inside words as numbers", () => {
    expect(matchesSearch(room[0]!, "x816")).toBe(false);
  });
});

describe("viewParticipants", () => {
  it("filters and counts what the search leaves", () => {
    const { rows, counts } = viewParticipants(room, { query: "", filter: "muted", sort: "joined" });
    expect(rows.map((r) => r.callId)).toEqual(["cccc2222dddd"]);
    expect(counts).toEqual({ all: 3, unmuted: 2, muted: 1, onhold: 1 });
    expect(viewParticipants(room, { query: "+44", filter: "all", sort: "joined" }).counts.all).toBe(1);
  });
  it("sorts by duration (longest first) and by number, keeping join order otherwise", () => {
    expect(viewParticipants(room, { query: "", filter: "all", sort: "duration" }).rows.map((r) => r.duration)).toEqual([
      300, 100, 30,
    ]);
    expect(viewParticipants(room, { query: "", filter: "all", sort: "number" }).rows.map((r) => r.cli)).toEqual([
      "+14155550100",
      "+447700900123",
      "+46708168731",
    ]);
    expect(viewParticipants(room, { query: "", filter: "all", sort: "joined" }).rows).toEqual(room);
  });
});

describe("applyPending", () => {
  it("shows where commands in flight are going, over a stale poll", () => {
    const { participants, pendingIds } = applyPending(room, [
      { kind: "command", callId: "aaaa1111bbbb", command: "mute" },
      { kind: "kick", callId: "eeee3333ffff" },
    ]);
    expect(participants.map((x) => [x.callId, x.muted])).toEqual([
      ["aaaa1111bbbb", true],
      ["cccc2222dddd", true],
    ]);
    expect([...pendingIds]).toEqual(["aaaa1111bbbb"]);
  });
  it("applies bulk changes to their targets, in order", () => {
    const { participants, pendingIds } = applyPending(room, [
      { kind: "bulk", action: "hold", targets: ["aaaa1111bbbb", "cccc2222dddd"] },
      { kind: "command", callId: "aaaa1111bbbb", command: "resume" },
    ]);
    expect(participants.map((x) => x.onhold)).toEqual([false, true, true]);
    expect(pendingIds.size).toBe(2);
  });
  it("returns the same list when nothing is in flight", () => {
    expect(applyPending(room, []).participants).toBe(room);
  });
});

describe("selection", () => {
  it("explicit ids: toggles and targets only people still present", () => {
    let s = toggleSelected(EMPTY_SELECTION, "aaaa1111bbbb");
    s = toggleSelected(s, "gone");
    expect(selectedCount(s, room)).toBe(1);
    expect(selectionTarget(s, room)).toEqual({ callIds: ["aaaa1111bbbb"] });
  });
  it("all: unticking builds the exceptions", () => {
    let s = toggleSelected({ mode: "all", except: new Set() }, "cccc2222dddd");
    expect(isSelected(s, "cccc2222dddd")).toBe(false);
    expect(isSelected(s, "someone-new")).toBe(true);
    expect(selectionTarget(s, room)).toEqual({ all: true, except: ["cccc2222dddd"] });
    s = toggleSelected(s, "cccc2222dddd");
    expect(selectionTarget(s, room)).toEqual({ all: true });
  });
  it("bulkTargets resolves all/except and ids against the list", () => {
    expect(bulkTargets(room, { all: true, except: ["aaaa1111bbbb"] })).toEqual(["cccc2222dddd", "eeee3333ffff"]);
    expect(bulkTargets(room, { callIds: ["eeee3333ffff", "nobody", "eeee3333ffff"] })).toEqual(["eeee3333ffff"]);
  });
});

describe("time", () => {
  it("formats durations as mm:ss, then h:mm:ss", () => {
    expect(formatDuration(0)).toBe("00:00");
    expect(formatDuration(247)).toBe("04:07");
    expect(formatDuration(3729)).toBe("1:02:09");
  });
  it("says how long ago", () => {
    expect(formatAgo(1000, 1500)).toBe("just now");
    expect(formatAgo(0, 4000)).toBe("4 s ago");
    expect(formatAgo(0, 125_000)).toBe("2 min ago");
    expect(formatAgo(0, 3 * 3600_000)).toBe("3 h ago");
    expect(formatAgo(0, 5 * 86400_000)).toBe("5 d ago");
    expect(formatAgo(5000, 0)).toBe("just now");
  });
});

describe("conference addresses", () => {
  it("round-trips any id through the console's address", async () => {
    const { conferenceHref, conferenceIdFromPathname } = await import("./href");
    for (const id of ["weekly-sync", "a/b", "50%off", "a%20b", "#1?x", "spaced id ü", "%", "..x"]) {
      const href = conferenceHref(id);
      expect(new URL(href, "http://x").pathname).toBe(href);
      expect(conferenceIdFromPathname(href)).toBe(id);
    }
    expect(conferenceIdFromPathname("/conferences/50%off")).toBeNull();
    expect(conferenceIdFromPathname("/users")).toBeNull();
  });
});

describe("roomSummary", () => {
  it("counts, and keys the room by call ids and numbers, in one pass", () => {
    const s = roomSummary(room);
    expect(s.counts).toEqual({ participants: 3, muted: 1, onhold: 1 });
    expect(s.callIdsKey.split("\u0000")).toEqual(["aaaa1111bbbb", "cccc2222dddd", "eeee3333ffff"]);
    expect(s.presentNumbers.split("\u0000")).toEqual(["+46708168731", "+447700900123", "+14155550100"]);
  });

  it("over successive lists, keeps the keys while the calls are the same, and counts each list", () => {
    const summaries = new RoomSummaries();
    const first = summaries.of(room);
    expect(summaries.of(room)).toBe(first);
    const muted = summaries.of(room.map((x) => ({ ...x, muted: true })));
    expect(muted.counts).toEqual({ participants: 3, muted: 3, onhold: 1 });
    expect(muted.callIdsKey).toBe(first.callIdsKey);
    expect(muted.presentNumbers).toBe(first.presentNumbers);
    // One call swapped for another, the count the same: new keys.
    const swapped = summaries.of([room[0]!, room[1]!, p("gggg4444hhhh", "+4915112345678")]);
    expect(swapped.presentNumbers.split("\u0000")).toEqual(["+46708168731", "+447700900123", "+4915112345678"]);
    expect(swapped.counts).toEqual({ participants: 3, muted: 1, onhold: 0 });
  });

  it("an empty room: no one, and empty keys", () => {
    expect(roomSummary([])).toEqual({
      counts: { participants: 0, muted: 0, onhold: 0 },
      callIdsKey: "",
      presentNumbers: "",
    });
  });
});
