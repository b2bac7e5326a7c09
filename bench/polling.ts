/**
 * The live console at scale, measured rather than asserted:
 *
 * 1. Coalesced polling: V viewers each ask for one conference every poll window
 *    (as each open console does) for a few windows. Prints the upstream GETs Sinch
 *    received per window, counted in the emulator's request log, and the latency a
 *    viewer saw (p50 / p95 / max). Coalescing means the GET count stays near one per
 *    window whatever V is.
 * 2. The browser's work per poll on a 500-participant list: search, filter and sort
 *    (viewParticipants) and laying pending commands over the list (applyPending).
 *
 * Real parts: the emulator over HTTP, the signed Sinch client, and a throwaway
 * SQLite database for the bookkeeping each poll does (attendance, snapshot), which
 * runs after the viewers have their answer and so is not in their latency.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startEmulator } from "../lib/sinch/emulator";
import type { LiveParticipant } from "../lib/conferences/schemas";

export interface PollingBenchOptions {
  viewers: number[];
  /** Poll windows watched per case. */
  windows: number;
  pollMs: number;
  participants: number;
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const ms = (n: number) => (Number.isNaN(n) ? "-" : n < 10 ? n.toFixed(2) : n.toFixed(0));

function timeIt(reps: number, fn: () => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

export async function benchPolling(opts: PollingBenchOptions): Promise<void> {
  const key = "8E3F6A2B-4C1D-4E5F-9A8B-7C6D5E4F3A2B";
  const secret = Buffer.from("polling-bench-secret").toString("base64");
  const emu = await startEmulator({ port: 0, applicationKey: key, applicationSecret: secret });
  const dir = mkdtempSync(path.join(os.tmpdir(), "gavel-bench-polling-"));
  Object.assign(process.env, {
    SINCH_APPLICATION_KEY: key,
    SINCH_APPLICATION_SECRET: secret,
    SINCH_BASE_URL: emu.url,
    SINCH_AUTH: "signed",
    GAVEL_DATA_DIR: dir,
    DATABASE_URL: "",
    GAVEL_POLL_INTERVAL_MS: String(opts.pollMs),
  });
  // After the environment is set: config is read once, on first use.
  const { getLive, liveSettled } = await import("../lib/conferences/server/live");
  const { closeDb } = await import("../lib/db");
  const { viewParticipants, applyPending } = await import("../lib/conferences/view");

  try {
    console.log(
      `\n## Polling one conference of ${opts.participants} (window ${opts.pollMs} ms, ${opts.windows} windows per case)\n`,
    );
    console.log("| viewers | upstream GETs | GETs per window | viewer latency p50 | p95 | max |");
    console.log("|---:|---:|---:|---:|---:|---:|");
    for (const viewers of opts.viewers) {
      const id = `bench-${viewers}-${Date.now()}`;
      emu.state.putRoom(
        id,
        Array.from({ length: opts.participants }, (_, i) => ({
          cli: `+4670${String(1_000_000 + i)}`,
          muted: i % 3 === 0,
        })),
      );
      // Warm: the first GET also creates Gavel's record of the conference.
      await getLive(id);
      const since = emu.requests.since(0).at(-1)?.seq ?? 0;
      const latencies: number[] = [];
      const end = Date.now() + opts.windows * opts.pollMs;
      await Promise.all(
        Array.from({ length: viewers }, async (_, v) => {
          // Viewers opened the page at different moments.
          await new Promise((r) => setTimeout(r, (v * opts.pollMs) / viewers));
          while (Date.now() < end) {
            const t = performance.now();
            await getLive(id);
            latencies.push(performance.now() - t);
            await new Promise((r) => setTimeout(r, opts.pollMs));
          }
        }),
      );
      const gets = emu.requests
        .since(since)
        .filter((r) => r.operation === "getConference" && r.decodedPath.includes(id)).length;
      latencies.sort((a, b) => a - b);
      console.log(
        `| ${viewers} | ${gets} | ${(gets / opts.windows).toFixed(2)} | ${ms(pct(latencies, 50))} ms | ${ms(pct(latencies, 95))} ms | ${ms(latencies.at(-1) ?? NaN)} ms |`,
      );
    }

    const list: LiveParticipant[] = Array.from({ length: opts.participants }, (_, i) => ({
      callId: `call-${i.toString(16).padStart(8, "0")}`,
      cli: `+4670${String(1_000_000 + ((i * 7919) % opts.participants))}`,
      muted: i % 3 === 0,
      onhold: i % 11 === 0,
      duration: (i * 37) % 7200,
      label: null,
    }));
    const pending = [
      { kind: "bulk" as const, action: "mute" as const, targets: list.slice(0, 100).map((p) => p.callId) },
      ...list.slice(100, 110).map((p) => ({
        kind: "command" as const,
        callId: p.callId,
        command: "onhold" as const,
        moh: "music1" as const,
      })),
      { kind: "kick" as const, callId: list[200]!.callId },
    ];
    console.log(`\n## The browser's work per poll, ${opts.participants} participants (200 repetitions)\n`);
    console.log("| case | p50 | p95 | max |");
    console.log("|---|---:|---:|---:|");
    const cases: [string, () => void][] = [
      ["view: no search, all, join order", () => viewParticipants(list, { query: "", filter: "all", sort: "joined" })],
      [
        'view: search "70 100", muted, by number',
        () => viewParticipants(list, { query: "70 100", filter: "muted", sort: "number" }),
      ],
      ["view: by duration", () => viewParticipants(list, { query: "", filter: "all", sort: "duration" })],
      ["applyPending: bulk of 100, 10 holds, 1 kick", () => applyPending(list, pending)],
    ];
    for (const [name, fn] of cases) {
      const t = timeIt(200, fn);
      console.log(`| ${name} | ${ms(pct(t, 50))} ms | ${ms(pct(t, 95))} ms | ${ms(t.at(-1)!)} ms |`);
    }
  } finally {
    // Each poll's bookkeeping runs after its answer: let it finish before the database goes.
    await liveSettled();
    await closeDb();
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
