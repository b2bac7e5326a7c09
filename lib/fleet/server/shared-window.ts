/**
 * The poll window shared by several instances through Redis: one instance GETs a
 * conference's participant list from Sinch per window, and the others use its answer.
 *
 * - `gavel:live:<id>` holds the list of the current window (JSON: when its fetch
 *   started and ended, the participants), set with the window's time left as its TTL.
 * - `gavel:live-lock:<id>` (SET NX PX) names the instance fetching now. Who gets it
 *   fetches and stores; the others wait for the value (polling every POLL_MS) and,
 *   if it does not come before the lock would expire, fetch on their own.
 * - `gavel:live-inv:<id>` is when the list was last invalidated (a kick, a callout, an
 *   unknown outcome, on any instance): a list whose fetch started before it is not used.
 * - A change Sinch confirmed (a mute, a hold) is laid over the stored list (`patch`),
 *   so every instance shows it without another GET.
 *
 * Redis being slow or down never breaks the poll: every Redis step is bounded
 * (OP_TIMEOUT_MS), any failure means "fetch on your own", logged once, and Redis is
 * then left alone for DOWN_BACKOFF_MS before it is tried again.
 */
import "server-only";
import { log } from "../../log/logger";

/** The few Redis commands used (node-redis's client satisfies it). */
export interface RedisLike {
  mGet(keys: string[]): Promise<(string | null)[]>;
  set(
    key: string,
    value: string,
    options?: { condition?: "NX"; expiration?: { type: "PX"; value: number } | "KEEPTTL" },
  ): Promise<string | null>;
  del(key: string): Promise<number>;
  /** False while disconnected (node-redis): the window is then not tried at all. */
  readonly isReady?: boolean;
}

export interface SharedList<P> {
  participants: P[];
  /** When the fetch that produced it started, and when Sinch answered (epoch ms). */
  startedAt: number;
  fetchedAt: number;
  /** True when this instance fetched it from Sinch. */
  own: boolean;
}

export interface SharedWindow {
  fetch<P>(conferenceId: string, windowMs: number, fetchOwn: () => Promise<P[]>): Promise<SharedList<P>>;
  invalidate(conferenceId: string, windowMs: number): void;
  patch<P>(conferenceId: string, change: (participants: P[]) => P[]): void;
}

export interface SharedWindowDeps {
  /** The client, or null when Redis is not configured. */
  redis(): RedisLike | null;
  instanceId(): string;
  /** How long an instance may hold the fetch lock (a Sinch GET with its retries). */
  lockMs(): number;
  now?: () => number;
}

const POLL_MS = 20;
const OP_TIMEOUT_MS = 500;
const DOWN_BACKOFF_MS = 5_000;

const valueKey = (id: string) => `gavel:live:${id}`;
const lockKey = (id: string) => `gavel:live-lock:${id}`;
const invKey = (id: string) => `gavel:live-inv:${id}`;

function bounded<T>(p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${OP_TIMEOUT_MS} ms`)), OP_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Stored<P> {
  startedAt: number;
  fetchedAt: number;
  participants: P[];
}

export function createSharedWindow(deps: SharedWindowDeps): SharedWindow {
  const now = deps.now ?? Date.now;
  let downUntil = -Infinity;
  let down = false;
  let everReady = false;

  function usable(): RedisLike | null {
    const client = deps.redis();
    if (!client || now() < downUntil) return null;
    if (client.isReady === false) {
      // Not connected (yet, or any more): said once, unless it never connected (the client says why).
      if (everReady && !down) log("error", "redis_unavailable", { fallback: "each instance asks Sinch itself" });
      if (everReady) down = true;
      return null;
    }
    everReady = true;
    return client;
  }

  function failed(e: unknown): void {
    downUntil = now() + DOWN_BACKOFF_MS;
    if (!down) log("error", "redis_unavailable", { error: String(e), fallback: "each instance asks Sinch itself" });
    down = true;
  }

  function worked(): void {
    if (down) log("info", "redis_available", {});
    down = false;
  }

  async function read<P>(client: RedisLike, conferenceId: string): Promise<Stored<P> | null> {
    const [raw, inv] = await bounded(client.mGet([valueKey(conferenceId), invKey(conferenceId)]));
    if (!raw) return null;
    const value = JSON.parse(raw) as Stored<P>;
    if (inv && value.startedAt < Number(inv)) return null;
    return value;
  }

  async function store<P>(client: RedisLike, conferenceId: string, value: Stored<P>, windowMs: number) {
    const ttl = value.startedAt + windowMs - now();
    if (ttl <= 0) return;
    await bounded(
      client.set(valueKey(conferenceId), JSON.stringify(value), { expiration: { type: "PX", value: ttl } }),
    );
  }

  async function own<P>(fetchOwn: () => Promise<P[]>): Promise<SharedList<P>> {
    const startedAt = now();
    const participants = await fetchOwn();
    return { participants, startedAt, fetchedAt: now(), own: true };
  }

  async function fetch<P>(conferenceId: string, windowMs: number, fetchOwn: () => Promise<P[]>) {
    const client = usable();
    if (!client) return own(fetchOwn);
    let leader = false;
    try {
      const deadline = now() + deps.lockMs();
      for (;;) {
        const hit = await read<P>(client, conferenceId);
        if (hit) {
          worked();
          return { ...hit, own: false };
        }
        const lock = await bounded(
          client.set(lockKey(conferenceId), deps.instanceId(), {
            condition: "NX",
            expiration: { type: "PX", value: deps.lockMs() },
          }),
        );
        worked();
        if (lock === "OK") {
          // The previous holder may have stored its list between the read and the lock.
          const late = await read<P>(client, conferenceId);
          if (late) {
            void bounded(client.del(lockKey(conferenceId))).catch(() => undefined);
            return { ...late, own: false };
          }
          leader = true;
          break;
        }
        if (now() >= deadline) break; // the fetching instance is stuck or gone: ask Sinch here
        await sleep(POLL_MS);
      }
    } catch (e) {
      failed(e);
      return own(fetchOwn);
    }
    if (!leader) return own(fetchOwn);
    try {
      const list = await own(fetchOwn);
      try {
        await store(client, conferenceId, list, windowMs);
      } catch (e) {
        failed(e);
      }
      return list;
    } finally {
      void bounded(client.del(lockKey(conferenceId))).catch(() => undefined);
    }
  }

  function invalidate(conferenceId: string, windowMs: number): void {
    const client = usable();
    if (!client) return;
    const at = String(now());
    void (async () => {
      await bounded(client.set(invKey(conferenceId), at, { expiration: { type: "PX", value: 2 * windowMs + 60_000 } }));
      await bounded(client.del(valueKey(conferenceId)));
    })().catch(failed);
  }

  function patch<P>(conferenceId: string, change: (participants: P[]) => P[]): void {
    const client = usable();
    if (!client) return;
    void (async () => {
      const [raw] = await bounded(client.mGet([valueKey(conferenceId)]));
      if (!raw) return;
      const value = JSON.parse(raw) as Stored<P>;
      const next = { ...value, participants: change(value.participants) };
      await bounded(client.set(valueKey(conferenceId), JSON.stringify(next), { expiration: "KEEPTTL" }));
    })().catch(failed);
  }

  return { fetch, invalidate, patch };
}
