import { describe, expect, it } from "vitest";
import type { LiveParticipant } from "./schemas";
import { StableRows, type PolledList } from "./stable-rows";
import { applyPending, viewParticipants, type PendingChange } from "./view";

const p = (callId: string, duration: number, over: Partial<LiveParticipant> = {}): LiveParticipant => ({
  callId,
  cli: `+4670${callId.padStart(7, "0")}`,
  duration,
  muted: false,
  onhold: false,
  label: null,
  ...over,
});

const T0 = Date.parse("2025-01-01T12:00:00.000Z");

/** A poll `s` seconds after T0: Sinch answered then, the browser had it 30 ms later. */
const poll = (s: number, participants: LiveParticipant[], latencyMs = 30): PolledList => ({
  participants,
  fetchedAt: new Date(T0 + s * 1000).toISOString(),
  receivedAt: T0 + s * 1000 + latencyMs,
});

/** Three people who joined 100, 50 and 10 s before T0, as Sinch lists them `s` seconds later. */
const room = (s: number, over: Record<string, Partial<LiveParticipant>> = {}) =>
  ["1", "2", "3"].map((id, i) => p(id, [100, 50, 10][i]! + s, over[id]));

describe("StableRows", () => {
  it("keeps each participant's object while only the duration grew", () => {
    const stable = new StableRows();
    const first = stable.rows(poll(0, room(0)));
    const second = stable.rows(poll(2, room(2)));
    expect(second).toBe(first);
    expect(second[0]!.joinedAt).toBe(T0 + 30 - 100_000);
  });

  it("gives a new object only to the participant that changed", () => {
    const stable = new StableRows();
    const first = stable.rows(poll(0, room(0)));
    const second = stable.rows(poll(2, room(2, { "2": { muted: true } })));
    expect(second).not.toBe(first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]!.muted).toBe(true);
    expect(second[2]).toBe(first[2]);
  });

  it("keeps the start time through Sinch's whole seconds and a cached list's age", () => {
    const stable = new StableRows();
    const first = stable.rows(poll(0, room(0)));
    // The same list served from Gavel's cache 1.9 s later: same fetchedAt, later arrival.
    const cached = stable.rows({ ...poll(0, room(0)), receivedAt: T0 + 1930 });
    expect(cached).toBe(first);
    // Sinch truncates: 0.9 s later it still says the same whole seconds.
    expect(stable.rows(poll(0.9, room(0)))).toBe(first);
  });

  it("takes the freshest answer's clock: a first list that came from the cache does not make calls younger for good", () => {
    const stable = new StableRows();
    // Arrived 5 s after Sinch answered it (cached), so it looks 5 s younger than it is.
    const late = stable.rows({ ...poll(0, room(0)), receivedAt: T0 + 5030 });
    expect(late[0]!.joinedAt).toBe(T0 + 5030 - 100_000);
    const fresh = stable.rows(poll(6, room(6)));
    expect(fresh[0]!.joinedAt).toBe(T0 + 30 - 100_000);
  });

  it("a call that really started again (same call id, new start) gets a new object", () => {
    const stable = new StableRows();
    const first = stable.rows(poll(0, room(0)));
    const second = stable.rows(poll(2, [p("1", 0), ...room(2).slice(1)]));
    expect(second[0]).not.toBe(first[0]);
    expect(second[1]).toBe(first[1]);
  });

  it("a field one list has and the next lacks is a change (a contact's name gone)", () => {
    const stable = new StableRows();
    const first = stable.rows(poll(0, room(0, { "1": { name: "Ann" } })));
    const second = stable.rows(poll(2, room(2)));
    expect(second[0]).not.toBe(first[0]);
    expect(second[0]).not.toHaveProperty("name");
    expect(second[1]).toBe(first[1]);
  });

  it("drops people who left and adds people who joined", () => {
    const stable = new StableRows();
    const first = stable.rows(poll(0, room(0)));
    const second = stable.rows(poll(2, [...room(2).slice(1), p("4", 0)]));
    expect(second.map((r) => r.callId)).toEqual(["2", "3", "4"]);
    expect(second[0]).toBe(first[1]);
  });

  it("forgets who left, even when as many joined: a call listed again later is a new row", () => {
    const stable = new StableRows();
    const first = stable.rows(poll(0, room(0)));
    // "1" leaves as "4" joins (the count stays 3), then "1" is listed again, same start.
    stable.rows(poll(2, [...room(2).slice(1), p("4", 0)]));
    const third = stable.rows(poll(4, [...room(4), p("4", 2)]));
    expect(third.map((r) => r.callId)).toEqual(["1", "2", "3", "4"]);
    expect(third[0]).not.toBe(first[0]);
    expect(third[1]).toBe(first[1]);
  });
});

describe("identity through the pending overlay and the view", () => {
  const mute2: PendingChange = { kind: "command", callId: "2", command: "mute" };

  it("an untouched participant keeps its object through applyPending and viewParticipants", () => {
    const stable = new StableRows();
    const rows = stable.rows(poll(0, room(0)));
    const over = applyPending(rows, [mute2]).participants;
    expect(over[0]).toBe(rows[0]);
    expect(over[2]).toBe(rows[2]);
    expect(over[1]).not.toBe(rows[1]);
    for (const sort of ["joined", "duration", "number"] as const) {
      const shown = viewParticipants(over, { query: "", filter: "all", sort }).rows;
      for (const r of shown) expect(over).toContain(r);
    }
  });

  it("the same command over the same participant gives the same object on the next poll", () => {
    const stable = new StableRows();
    const first = applyPending(stable.rows(poll(0, room(0))), [mute2]).participants;
    const second = applyPending(stable.rows(poll(2, room(2))), [mute2]).participants;
    expect(second[1]).toBe(first[1]);
    expect(second[1]!.muted).toBe(true);
    // Another command on it is another row.
    const third = applyPending(stable.rows(poll(4, room(4))), [
      mute2,
      { kind: "command", callId: "2", command: "onhold" },
    ]).participants;
    expect(third[1]).not.toBe(first[1]);
    expect(third[1]!.onhold).toBe(true);
  });

  it("sorts by duration from the start times, longest first, even when kept objects carry older durations", () => {
    const stable = new StableRows();
    stable.rows(poll(0, [p("a", 30), p("b", 20)]));
    // 60 s later "c" joined; "a" and "b" are the objects from the first poll (duration 30, 20).
    const rows = stable.rows(poll(60, [p("a", 90), p("b", 80), p("c", 40)]));
    expect(rows[0]!.duration).toBe(30);
    expect(viewParticipants(rows, { query: "", filter: "all", sort: "duration" }).rows.map((r) => r.callId)).toEqual([
      "a",
      "b",
      "c",
    ]);
  });
});
