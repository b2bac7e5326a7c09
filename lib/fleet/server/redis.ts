/**
 * The process's Redis client, when REDIS_URL is set (README "Running several
 * instances"): connected on first use, reconnecting by itself, and failing commands
 * at once while disconnected (no offline queue), so a poll never waits on a Redis that
 * is down; the shared poll window (./shared-window.ts) then falls back to asking Sinch.
 */
import "server-only";
import { createClient } from "redis";
import { config } from "../../config/env";
import { log } from "../../log/logger";
import { processSingleton } from "../../util/server/process-singleton";
import type { RedisLike } from "./shared-window";

const holder = processSingleton("redis", (): { client?: RedisLike | null } => ({}));

/** A client for `url` that never queues a command while disconnected. */
export function connectRedis(url: string, onError: (e: unknown) => void): RedisLike {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) },
  });
  client.on("error", onError);
  void client.connect().catch(onError);
  return client;
}

/** The process's client; null when REDIS_URL is not set. */
export function redisClient(): RedisLike | null {
  if (holder.client === undefined) {
    const url = config().REDIS_URL;
    let warned = false;
    holder.client = url
      ? connectRedis(url, (e) => {
          // Reconnection errors repeat: said once here, and the shared window says when it falls back.
          if (!warned) log("warn", "redis_error", { error: String(e) });
          warned = true;
        })
      : null;
  }
  return holder.client;
}
