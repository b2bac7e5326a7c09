/**
 * The poll cache against the emulator over real HTTP: the emulator's request log
 * counts the GETs Sinch received; a counting label source counts the label reads.
 * Time is a clock the test moves, so nothing here sleeps.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startEmulator, type RunningEmulator } from "../../sinch/emulator";
import { SinchClient } from "../../sinch/server/client";
import { engines, type TestTarget } from "../../testing/db-engines";
import { releaseProcessDb, useProcessDb } from "../../testing/process-db";
import { openAttendance } from "../../db/attendance";
import { getConference } from "../../db/conferences";
import type { ConferenceLive } from "../schemas";
import { createLiveCache, type LabelSource, type LiveCacheDeps, type SnapshotSubscriber } from "./live-cache";

const KEY = "3C9A1F2E-7B4D-4E8A-9F1C-2D3E4F5A6B7C";
const SECRET = Buffer.from("live-cache-test-secret").toString("base64");
const WINDOW = 2000;

let emu: RunningEmulator;
let client: SinchClient;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, applicationKey: KEY, applicationSecret: SECRET });
  client = new SinchClient({
    applicationKey: KEY,
    applicationSecret: SECRET,
    baseUrl: emu.url,
    retry: { maxRetries: 0 },
  });
});
afterAll(async () => {
  await emu?.close();
});

let room = 0;
/** A fresh conference with two participants; returns its id and their callIds. */
function freshRoom(): { id: string; callIds: string[] } {
  const id = `live-${++room}-${Date.now()}`;
  const r = emu.state.putRoom(id, [{ cli: "+46700000001" }, { cli: "+46700000002" }]);
  return { id, callIds: r.participants.map((p) => p.callId) };
}

/** GETs of this conference Sinch has received so far. */
const getsOf = (id: string) =>
  emu.requests.since(0).filter((r) => r.operation === "getConference" && r.decodedPath.includes(id)).length;

/** A cache wired to the emulator, with a clock, label reads and published lists the test can see. */
function harness(over: Partial<LiveCacheDeps> = {}) {
  let now = 1_000_000;
  const labelReads: string[][] = [];
  const published: ConferenceLive[] = [];
  const labels: LabelSource = async (callIds) => {
    labelReads.push([...callIds]);
    return new Map(callIds.slice(0, 1).map((c) => [c, "Alice"]));
  };
  const cache = createLiveCache({
    fetchParticipants: (id) => client.getConference(id),
    labels,
    subscribers: [{ name: "recorder", receive: (live) => void published.push(live) }],
    windowMs: () => WINDOW,
    now: () => now,
    ...over,
  });
  return {
    cache,
    labelReads,
    published,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe("the poll cache", () => {
  let errors: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterEach(() => {
    errors.mockRestore();
  });

  it("answers 20 concurrent viewers with one Sinch GET and one label read", async () => {
    const { id, callIds } = freshRoom();
    const h = harness();
    const answers = await Promise.all(Array.from({ length: 20 }, () => h.cache.get(id)));
    expect(getsOf(id)).toBe(1);
    expect(h.labelReads).toEqual([callIds]);
    // Everyone sees the same labelled list.
    for (const a of answers) expect(a).toBe(answers[0]);
    expect(answers[0]!.participants.map((p) => [p.callId, p.label])).toEqual([
      [callIds[0], "Alice"],
      [callIds[1], null],
    ]);
    await h.cache.settled();
    expect(h.published).toHaveLength(1);
  });

  it("answers from the cache within the window and asks Sinch again after it", async () => {
    const { id } = freshRoom();
    const h = harness();
    const first = await h.cache.get(id);
    h.advance(WINDOW - 1);
    expect(await h.cache.get(id)).toBe(first);
    expect(getsOf(id)).toBe(1);
    h.advance(1);
    const second = await h.cache.get(id);
    expect(second).not.toBe(first);
    expect(getsOf(id)).toBe(2);
    expect(h.labelReads).toHaveLength(2);
  });

  it("does not let a GET started before a command fill the cache", async () => {
    const { id, callIds } = freshRoom();
    const h = harness();
    const before = h.cache.get(id); // in flight ...
    emu.state.manageParticipant(id, callIds[0]!, { command: "mute" });
    h.cache.invalidate(id); // ... when the command lands
    const after = h.cache.get(id); // a viewer after the command does not share the old GET
    expect(after).not.toBe(before);
    await Promise.all([before, after]);
    expect(getsOf(id)).toBe(2);
    expect((await after).participants.find((p) => p.callId === callIds[0])?.muted).toBe(true);
    // The cache holds the answer of the current generation: no third GET.
    expect(await h.cache.get(id)).toBe(await after);
    expect(getsOf(id)).toBe(2);

    // Alone: the old generation's answer reaches its viewers but not the cache.
    const { id: other } = freshRoom();
    const old = h.cache.get(other);
    h.cache.invalidate(other);
    await old;
    await h.cache.get(other);
    expect(getsOf(other)).toBe(2);
  });

  it("makes one GET a window for viewers polling at staggered moments", async () => {
    const { id } = freshRoom();
    const h = harness();
    // Two viewers, each polling once a window, half a window and then most of one apart.
    for (let window = 0; window < 4; window++) {
      await h.cache.get(id);
      h.advance(WINDOW * 0.95);
      await h.cache.get(id);
      h.advance(WINDOW * 0.05);
    }
    expect(getsOf(id)).toBe(4);
  });

  it("writes a command Sinch confirmed into the cached list, without another GET", async () => {
    const { id, callIds } = freshRoom();
    const h = harness();
    await h.cache.get(id);
    h.cache.confirm(id, { callId: callIds[0]!, muted: true });
    h.cache.confirm(id, { callId: callIds[1]!, onhold: true });
    const after = await h.cache.get(id);
    expect(after.participants.map((p) => [p.callId, p.muted, p.onhold])).toEqual([
      [callIds[0], true, false],
      [callIds[1], false, true],
    ]);
    expect(getsOf(id)).toBe(1);
  });

  it("lays a confirmed command over a list whose fetch started before it, and trusts Sinch's next list", async () => {
    const { id, callIds } = freshRoom();
    const h = harness();
    const inFlight = h.cache.get(id); // asked before the command was confirmed ...
    h.cache.confirm(id, { callId: callIds[0]!, onhold: true }); // (Sinch's state is not changed here)
    expect((await inFlight).participants.find((p) => p.callId === callIds[0])?.onhold).toBe(true);
    // ... and the next window's list, asked after the confirmation, is Sinch's own.
    h.advance(WINDOW);
    const next = await h.cache.get(id);
    expect(getsOf(id)).toBe(2);
    expect(next.participants.find((p) => p.callId === callIds[0])?.onhold).toBe(false);
  });

  it("asks Sinch again after an invalidation", async () => {
    const { id } = freshRoom();
    const h = harness();
    await h.cache.get(id);
    await h.cache.get(id);
    expect(getsOf(id)).toBe(1);
    h.cache.invalidate(id);
    await h.cache.get(id);
    expect(getsOf(id)).toBe(2);
  });

  it("knows a participant's number from the last list, even after the cache is gone", async () => {
    const { id, callIds } = freshRoom();
    const h = harness();
    await h.cache.get(id);
    h.cache.invalidate(id);
    expect(await h.cache.participantNumber(id, callIds[1]!)).toBe("+46700000002");
    expect(getsOf(id)).toBe(1);
    // Unknown callId: one fresh look.
    expect(await h.cache.participantNumber(id, "nobody")).toBeNull();
    expect(getsOf(id)).toBe(2);
  });

  it("answers viewers before the bookkeeping runs, logs a subscriber's failure and runs the next one", async () => {
    const { id } = freshRoom();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const order: string[] = [];
    const subscribers: SnapshotSubscriber[] = [
      {
        name: "slow",
        receive: async () => {
          await gate;
          order.push("slow");
        },
      },
      {
        name: "throws",
        receive: () => {
          throw new Error("attendance table is on fire");
        },
      },
      { name: "rejects", receive: () => Promise.reject(new Error("record refused")) },
      { name: "last", receive: () => void order.push("last") },
    ];
    const h = harness({ subscribers });
    const live = await h.cache.get(id); // answered while "slow" still waits
    expect(live.participants).toHaveLength(2);
    expect(order).toEqual([]);
    let settled = false;
    const done = h.cache.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    open();
    await done;
    expect(order).toEqual(["slow", "last"]);
    const logged = errors.mock.calls.map((c: unknown[]) => JSON.parse(String(c[0])) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({ event: "live_subscriber_failed", subscriber: "throws", conferenceId: id }),
      expect.objectContaining({ event: "live_subscriber_failed", subscriber: "rejects", conferenceId: id }),
    ]);
  });

  it("shows the list without labels when they cannot be read, and says so in the log", async () => {
    const { id } = freshRoom();
    const h = harness({ labels: () => Promise.reject(new Error("callouts table locked")) });
    const live = await h.cache.get(id);
    expect(live.participants.map((p) => p.label)).toEqual([null, null]);
    expect(String(errors.mock.calls[0]?.[0])).toContain("live_labels_failed");
  });
});

// The process's own cache (live.ts), wired to Sinch through config() and to the database.
describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("the process's poll cache", () => {
    let t: TestTarget;
    beforeAll(async () => {
      t = await engine.fresh();
      await useProcessDb(t, {
        SINCH_APPLICATION_KEY: KEY,
        SINCH_APPLICATION_SECRET: SECRET,
        SINCH_BASE_URL: emu.url,
        SINCH_AUTH: "signed",
      });
    });
    afterAll(async () => {
      await releaseProcessDb();
      await t?.dispose();
    });

    it("records attendance and the conference after answering", async () => {
      const { getLive, liveSettled } = await import("./live");
      const { id, callIds } = freshRoom();
      const live = await getLive(id);
      expect(live.participants.map((p) => p.callId)).toEqual(callIds);
      await liveSettled();
      const database = await (await import("../../db")).db();
      expect((await openAttendance(database, id)).map((r) => r.callId).sort()).toEqual([...callIds].sort());
      expect(await getConference(database, id)).toMatchObject({ conferenceId: id, lastParticipantCount: 2 });
    });
  });
});
