/**
 * What the API's rate-limit check adds to each request (lib/api/server/rate-limit.ts):
 * the token bucket's take, timed over many calls for one user and for 1,000 users
 * taking turns, as `apiRoute` calls it once per request. Printed as p50 / p99 per call.
 */
import { performance } from "node:perf_hooks";
import { bucketLimit, TokenBuckets } from "../lib/api/server/rate-limit";

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function benchRateLimit(calls = 200_000): void {
  console.log("\n## Rate-limit check per request (TokenBuckets.take)");
  console.log("| users | calls | p50 µs | p99 µs | mean µs |");
  console.log("| ----- | ----- | ------ | ------ | ------- |");
  for (const users of [1, 1000]) {
    // Limits high enough never to refuse: the cost measured is that of an allowed request.
    const buckets = new TokenBuckets({ read: bucketLimit(1e6), command: bucketLimit(1e6), callout: null });
    const keys = Array.from({ length: users }, (_, i) => `6f1c1a52-1f1e-4a57-9a0c-${String(i).padStart(12, "0")}`);
    const times: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) {
      const t = performance.now();
      buckets.take(keys[i % users]!, "read");
      times.push(performance.now() - t);
    }
    const total = performance.now() - t0;
    times.sort((a, b) => a - b);
    const us = (ms: number) => (ms * 1000).toFixed(2);
    console.log(`| ${users} | ${calls} | ${us(pct(times, 50))} | ${us(pct(times, 99))} | ${us(total / calls)} |`);
  }
}
