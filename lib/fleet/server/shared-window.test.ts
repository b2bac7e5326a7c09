/**
 * The poll window shared through Redis, against a real redis-server the test starts
 * (port 6391): two "instances" (each its own client, shared window and poll cache)
 * make one Sinch GET per window between them; an invalidation or a confirmed change
 * on one is seen by the other; and with Redis down each asks Sinch itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLiveCache, type LiveCache } from "../../conferences/server/live-cache";
import type { LiveParticipant } from "../../conferences/types";
import { redisMissing, startRedis } from "../../testing/redis-server";
import { connectRedis } from "./redis";
import { createSharedWindow, type RedisLike, type SharedWindow } from "./shared-window";

type Raw = Omit<LiveParticipant, "label">;
const alice: Raw = { callId: "c-1", cli: "+46700000001", duration: 5, muted: false, onhold: false };

describe.skipIf(redisMissing)("shared poll window (Redis)", () => {
  let server: Awaited<ReturnType<typeof startRedis>>;
  const clients: RedisLike[] = [];
  let seq = 0;

  beforeAll(async () => {
    server = await startRedis();
  }, 20_000);
  afterAll(async () => {
    for (const c of clients) (c as unknown as { destroy(): void }).destroy();
    await server?.stop();
  });

  function instance(name: string, url = server.url): SharedWindow {
    const client = connectRedis(url, () => undefined);
    clients.push(client);
    return createSharedWindow({ redis: () => client, instanceId: () => name, lockMs: () => 5_000 });
  }

  /** A poll cache as live.ts wires it, with Sinch's GET counted. */
  function cache(shared: SharedWindow, upstream: { gets: number; list: Raw[] }): LiveCache {
    return createLiveCache({
      fetchParticipants: async () => {
        upstream.gets++;
        await new Promise((r) => setTimeout(r, 5)); // Sinch takes a moment: the others wait for it
        return upstream.list.map((p) => ({ ...p }));
      },
      labels: () => Promise.resolve(new Map()),
      subscribers: [],
      windowMs: () => 60_000,
      shared,
    });
  }

  /** node-redis connects in the background: wait until this instance's client is ready. */
  async function connected(w: SharedWindow) {
    void w;
    const client = clients[clients.length - 1] as RedisLike;
    await expectEventually(() => Promise.resolve(client.isReady === true));
  }

  it("60 viewers over three instances: one GET to Sinch per window per conference", async () => {
    const upstream = { gets: 0, list: [alice] };
    const windows: SharedWindow[] = [];
    for (const name of ["A", "B", "C"]) {
      windows.push(instance(name));
      await connected(windows[windows.length - 1]!);
    }
    const caches = windows.map((w) => cache(w, upstream));
    const id = `room-${++seq}`;
    const lists = await Promise.all(Array.from({ length: 60 }, (_, i) => caches[i % 3]!.get(id)));
    expect(upstream.gets).toBe(1);
    expect(new Set(lists.map((l) => l.fetchedAt)).size).toBe(1);
    expect(lists.every((l) => l.participants[0]?.callId === "c-1")).toBe(true);
  });

  it("an invalidation on one instance makes the next poll on another ask Sinch; a confirmed mute is shared without a GET", async () => {
    const upstream = { gets: 0, list: [alice] };
    const a = instance("A");
    await connected(a);
    const b = instance("B");
    await connected(b);
    const [ca, cb] = [cache(a, upstream), cache(b, upstream)];
    const id = `room-${++seq}`;
    await ca.get(id);
    expect(upstream.gets).toBe(1);

    // A confirms a mute: B's next fetch (its own cache empty) takes the stored list, muted, without a GET.
    ca.confirm(id, { callId: "c-1", muted: true });
    await expectEventually(async () => {
      const [raw] = await clients[clients.length - 2]!.mGet([`gavel:live:${id}`]);
      return typeof raw === "string" && raw.includes('"muted":true');
    });
    expect((await cb.get(id)).participants[0]?.muted).toBe(true);
    expect(upstream.gets).toBe(1);

    // A kicks (invalidates): a fresh cache on B asks Sinch again.
    ca.invalidate(id);
    await expectEventually(async () => {
      const [raw] = await clients[clients.length - 1]!.mGet([`gavel:live:${id}`]);
      return raw === null || raw === undefined;
    });
    const fresh = cache(b, upstream);
    await fresh.get(id);
    expect(upstream.gets).toBe(2);
  });

  it("Redis down: each instance asks Sinch itself, and the poll still answers", async () => {
    const upstream = { gets: 0, list: [alice] };
    const down = [instance("A", "redis://127.0.0.1:1"), instance("B", "redis://127.0.0.1:1")];
    const caches = down.map((w) => cache(w, upstream));
    const lists = await Promise.all(Array.from({ length: 10 }, (_, i) => caches[i % 2]!.get("down-room")));
    expect(lists).toHaveLength(10);
    // One per instance (each coalesces its own viewers), as without Redis.
    expect(upstream.gets).toBe(2);
  });
});

async function expectEventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("condition never held");
}
