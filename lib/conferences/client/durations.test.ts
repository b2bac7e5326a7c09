/** A 304 keeps the rows: durations count from the answer that carried them (pending.ts durationsOf). */
import { describe, expect, it } from "vitest";
import { StableRows } from "../stable-rows";
import type { ConferenceLive } from "../types";
import { durationsOf } from "./pending";
import type { LiveSnapshot } from "./queries";

const view: ConferenceLive = {
  conferenceId: "room",
  fetchedAt: "2026-11-28T10:00:00.000Z",
  participants: [
    { callId: "a", cli: "+15550000001", duration: 40, muted: false, onhold: false, label: null },
    { callId: "b", cli: "+15550000002", duration: 5, muted: true, onhold: false, label: null },
  ],
};
const at = Date.parse(view.fetchedAt) + 30;

function answered(): LiveSnapshot {
  return {
    ...view,
    receivedAt: at,
    requestedAt: at - 5,
    durationsAt: at,
    served: { etag: 'W/"1"', view, receivedAt: at },
  };
}

/** What pollLive makes of a 304 one window later: the same list, fresher times. */
function notModified(prev: LiveSnapshot, windowMs: number): LiveSnapshot {
  const served = prev.served!;
  const fetchedAt = new Date(Date.parse(view.fetchedAt) + windowMs).toISOString();
  return {
    ...served.view,
    fetchedAt,
    requestedAt: at + windowMs,
    receivedAt: at + windowMs + 30,
    durationsAt: served.receivedAt,
    served,
  };
}

describe("durationsOf", () => {
  it("keeps every row's object and start through 304s, however many windows pass", () => {
    const stable = new StableRows();
    const first = stable.rows(durationsOf(answered()));
    let snapshot = answered();
    for (const windowMs of [2000, 4000, 10_000]) {
      snapshot = notModified(snapshot, windowMs);
      const rows = stable.rows(durationsOf(snapshot));
      expect(rows).toBe(first);
    }
    expect(first[0]!.joinedAt).toBe(at - 40_000);
  });

  it("reads a 200 as it came", () => {
    const live = answered();
    expect(durationsOf(live)).toEqual({ participants: view.participants, fetchedAt: view.fetchedAt, receivedAt: at });
  });
});
