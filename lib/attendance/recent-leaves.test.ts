import { describe, expect, it } from "vitest";
import {
  REASON_MAY_COME_MS,
  dialableNumber,
  formatStay,
  leaveReason,
  leftText,
  reasonMayStillCome,
  stayText,
  stillRecent,
} from "./recent-leaves";

const none = { kickedBy: null, kickReason: null, calloutResult: null, calloutReason: null };

describe("leaveReason", () => {
  it("names who kicked, with the reason they typed", () => {
    expect(leaveReason({ ...none, kickedBy: "mod@gavel.test", kickReason: "heckling" })).toMatchObject({
      text: "Kicked by mod@gavel.test: “heckling”",
      kind: "kick",
    });
    expect(leaveReason({ ...none, kickedBy: "mod@gavel.test" })?.text).toBe("Kicked by mod@gavel.test");
  });

  it("words Sinch's end reason of a call Gavel placed, and keeps an unknown one", () => {
    expect(leaveReason({ ...none, calloutResult: "ANSWERED", calloutReason: "CALLEEHANGUP" })).toEqual({
      text: "Hung up",
      source: "Sinch's call record: ANSWERED / CALLEEHANGUP",
      kind: "call_record",
    });
    expect(leaveReason({ ...none, calloutReason: "SOMETHINGNEW" })?.text).toBe("Sinch ended the call (SOMETHINGNEW)");
  });

  it("a kick wins over the call record (which says MANAGERHANGUP), and nothing is known of a dial-in", () => {
    expect(leaveReason({ ...none, kickedBy: "a@b.c", calloutReason: "MANAGERHANGUP" })?.kind).toBe("kick");
    expect(leaveReason(none)).toBeNull();
  });
});

describe("times", () => {
  const joinedAt = "2026-01-01T10:00:00.000Z";
  it("says how long they stayed, the least for a range", () => {
    expect(stayText({ joinedAt, leftAt: "2026-01-01T10:07:05.000Z", leftAfter: null })).toBe("stayed 7 min 5 s");
    expect(stayText({ joinedAt, leftAt: "2026-01-01T10:30:00.000Z", leftAfter: "2026-01-01T10:20:00.000Z" })).toBe(
      "stayed at least 20 min",
    );
    expect(formatStay(42)).toBe("42 s");
    expect(formatStay(3900)).toBe("1 h 5 min");
  });

  it("says when they left, as a range after a gap in polling", () => {
    const now = Date.parse("2026-01-01T10:10:00.000Z");
    expect(leftText({ leftAt: "2026-01-01T10:08:00.000Z", leftAfter: null }, now)).toBe("left 2 min ago");
    expect(leftText({ leftAt: "2026-01-01T10:08:00.000Z", leftAfter: "2026-01-01T10:04:00.000Z" }, now)).toBe(
      "left between 6 min ago and 2 min ago",
    );
  });

  it("drops leaves that fell out of the window since the list was read", () => {
    const now = Date.parse("2026-01-01T10:20:00.000Z");
    const l = [{ leftAt: "2026-01-01T10:15:00.000Z" }, { leftAt: "2026-01-01T10:05:00.000Z" }];
    expect(stillRecent(l, now, 10 * 60_000)).toEqual([l[0]]);
  });
});

describe("dialableNumber", () => {
  it("is an E.164 phone number only", () => {
    expect(dialableNumber("+46708168731")).toBe(true);
    expect(dialableNumber("sip:alice@example.com")).toBe(false);
    expect(dialableNumber("private")).toBe(false);
  });
});

describe("reasonMayStillCome", () => {
  const now = Date.parse("2026-11-28T12:00:00Z");
  const leave = (secondsAgo: number, why: Partial<Parameters<typeof leaveReason>[0]> = {}) => ({
    leftAt: new Date(now - secondsAgo * 1000).toISOString(),
    kickedBy: null,
    kickReason: null,
    calloutResult: null,
    calloutReason: null,
    ...why,
  });

  it("is true while a leave of the last minute has no reason yet", () => {
    expect(reasonMayStillCome([leave(5)], now)).toBe(true);
    expect(reasonMayStillCome([leave(REASON_MAY_COME_MS / 1000 - 1)], now)).toBe(true);
  });

  it("is false once every recent leave has its reason, or the reasonless ones are over a minute old", () => {
    expect(reasonMayStillCome([leave(5, { calloutResult: "ANSWERED", calloutReason: "CALLEEHANGUP" })], now)).toBe(
      false,
    );
    expect(reasonMayStillCome([leave(5, { kickedBy: "a@gavel.test" })], now)).toBe(false);
    expect(reasonMayStillCome([leave(REASON_MAY_COME_MS / 1000)], now)).toBe(false);
    expect(reasonMayStillCome([], now)).toBe(false);
  });
});
