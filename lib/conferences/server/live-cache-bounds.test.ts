/**
 * The poll cache forgets conferences nobody asks about (live-cache.ts sweep): its maps
 * stay bounded however many conferences a long-running process has polled.
 */
import { describe, expect, it } from "vitest";
import { createLiveCache, LIVE_IDLE_MS, LIVE_MAX_CONFERENCES, newLiveCacheState } from "./live-cache";

const WINDOW = 2000;

function harness() {
  let now = 1_000_000;
  const state = newLiveCacheState();
  const cache = createLiveCache(
    {
      fetchParticipants: async (id) => [
        { callId: `${id}-call`, cli: "+46700000001", duration: 1, muted: false, onhold: false },
      ],
      labels: async () => new Map(),
      subscribers: [],
      windowMs: () => WINDOW,
      now: () => now,
    },
    state,
  );
  return { cache, state, advance: (ms: number) => void (now += ms) };
}

const sizes = (s: ReturnType<typeof newLiveCacheState>) => ({
  cache: s.cache.size,
  lastKnown: s.lastKnown.size,
  generation: s.generation.size,
  confirmed: s.confirmed.size,
  invalidatedAt: s.invalidatedAt.size,
});

describe("the poll cache's bounds", () => {
  it("forgets a conference nobody asked about for the idle time, counters and confirmations included", async () => {
    const h = harness();
    for (let i = 0; i < 50; i++) {
      const id = `room-${i}`;
      await h.cache.get(id);
      h.cache.confirm(id, { callId: `${id}-call`, muted: true });
      h.cache.invalidate(id);
    }
    expect(sizes(h.state)).toMatchObject({ lastKnown: 50, generation: 50, confirmed: 50, invalidatedAt: 50 });
    h.advance(LIVE_IDLE_MS);
    await h.cache.get("still-asked");
    expect(sizes(h.state)).toEqual({ cache: 1, lastKnown: 1, generation: 0, confirmed: 0, invalidatedAt: 0 });
    expect(h.cache.known("room-1")).toBe(false);
    expect(h.cache.known("still-asked")).toBe(true);
  });

  it("keeps at most LIVE_MAX_CONFERENCES last lists, dropping the least recently fetched", async () => {
    const h = harness();
    for (let i = 0; i <= LIVE_MAX_CONFERENCES + 20; i++) {
      await h.cache.get(`room-${i}`);
      if (i === LIVE_MAX_CONFERENCES + 10) {
        h.advance(WINDOW);
        await h.cache.get("room-0"); // fetched again: now among the most recent
      }
    }
    expect(h.state.lastKnown.size).toBe(LIVE_MAX_CONFERENCES);
    expect(h.cache.known("room-0")).toBe(true);
    expect(h.cache.known("room-1")).toBe(false);
    expect(h.cache.known(`room-${LIVE_MAX_CONFERENCES + 20}`)).toBe(true);
  });

  it("keeps a recently invalidated conference's counter, so a fetch from before it cannot fill the cache", async () => {
    const h = harness();
    await h.cache.get("a");
    h.cache.invalidate("a");
    h.advance(LIVE_IDLE_MS - 1);
    await h.cache.get("b"); // sweeps: the first fetch in over a minute
    expect(h.state.sweptAt).toBe(1_000_000 + LIVE_IDLE_MS - 1);
    expect(h.state.generation.get("a")).toBe(1);
  });
});
