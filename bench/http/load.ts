/**
 * Small tools for the HTTP rows: rooms in the emulator, counting Sinch's GETs for a
 * conference, firing requests together, staggered or at a fixed rate, and
 * summarising latencies.
 */
import { performance } from "node:perf_hooks";
import { percentile } from "../../e2e/http-session";
import type { Emulator } from "./stack";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
export const until = (t: number) => sleep(t - Date.now());

/** A room of `n` participants in the emulator, numbered from +4670`first`; returns its call ids. */
export async function room(emu: Emulator, id: string, n: number, first = 1_000_000): Promise<string[]> {
  const view = await emu.control.putRoom(
    id,
    Array.from({ length: n }, (_, i) => ({ cli: `+4670${String(first + i)}`, muted: false })),
  );
  return view.participants.map((p) => p.callId);
}

/** The log position now, for `getsSince`. */
export function logMark(emu: Emulator): Promise<number> {
  return emu.control.lastSeq();
}

/** Sinch GETs of these conferences since `mark`. */
export async function getsSince(emu: Emulator, mark: number, ids: string[]): Promise<number> {
  const paths = new Set(ids.map((id) => `/calling/v1/conferences/id/${id}`));
  return (await emu.control.requests(mark)).filter((r) => r.operation === "getConference" && paths.has(r.decodedPath))
    .length;
}

export interface Stats {
  p50: number;
  p99: number;
  n: number;
}
export function stats(ms: number[]): Stats {
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), n: ms.length };
}

/** `viewers` clients each send `once` at the same instant, every `windowMs`, for `windows` windows. */
export async function together(
  viewers: number,
  windows: number,
  windowMs: number,
  once: (i: number) => Promise<number>,
): Promise<number[]> {
  const out: number[] = [];
  const start = Date.now() + 50;
  for (let w = 0; w < windows; w++) {
    await until(start + w * windowMs);
    out.push(...(await Promise.all(Array.from({ length: viewers }, (_, i) => once(i)))));
  }
  await until(start + windows * windowMs);
  return out;
}

/** `viewers` clients spread evenly over the window, each sending `once` every `windowMs`. */
export async function staggered(
  viewers: number,
  windows: number,
  windowMs: number,
  once: (i: number) => Promise<number>,
): Promise<number[]> {
  const out: number[] = [];
  const start = Date.now() + 50;
  const end = start + windows * windowMs;
  await Promise.all(
    Array.from({ length: viewers }, async (_, i) => {
      for (let next = start + (i * windowMs) / viewers; next < end; next += windowMs) {
        await until(next);
        out.push(await once(i));
      }
    }),
  );
  return out;
}

/** Open-loop: one `once` every 1000/rate ms for `seconds`, not waiting for answers. */
export async function atRate(rate: number, seconds: number, once: (i: number) => Promise<number>): Promise<number[]> {
  const out: Promise<number>[] = [];
  const t0 = performance.now();
  const n = Math.round(rate * seconds);
  for (let i = 0; i < n; i++) {
    await sleep(t0 + (i * 1000) / rate - performance.now());
    out.push(once(i));
  }
  return Promise.all(out);
}

/** Closed loop: `once` back to back, `n` times. */
export async function sequential(n: number, once: (i: number) => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await once(i));
  return out;
}

/** `bursts` bursts of `size` concurrent `once`, each burst after the last one answered. */
export async function bursts(bursts: number, size: number, once: (i: number) => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let b = 0; b < bursts; b++) out.push(...(await Promise.all(Array.from({ length: size }, (_, i) => once(i)))));
  return out;
}
