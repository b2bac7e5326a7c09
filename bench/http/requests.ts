/**
 * The table's HTTP rows, each beside its baseline measured here and now: Gavel's
 * participants GET against direct signed GETs to the emulator and a naive
 * pass-through proxy (coalescing, latency with 200 viewers, added latency on a miss,
 * a hit and in bursts), a mute PATCH against a direct PATCH, and bulk mutes.
 */
import { timedAt, type Session } from "../../e2e/http-session";
import type { BulkResponse } from "../../lib/conferences/schemas";
import { atRate, bursts, sleep, getsSince, logMark, room, sequential, staggered, stats, together } from "./load";
import { startNaiveProxy } from "./naive-proxy";
import type { Results } from "./table";
import { direct, gavelParticipantsPath, sinchConferencePath, type Stack } from "./stack";

export interface HttpSizes {
  viewers: number;
  windows: number;
  /** Seconds of each rate/closed-loop measurement. */
  seconds: number;
  bulk: number;
  proxyPort: number;
  /** The bare Next route's URL, when the bare app is up. */
  bareUrl: string | null;
}

const WINDOW_MS = 2000;

export async function httpRows(s: Stack, res: Results, z: HttpSizes): Promise<void> {
  const people = s.viewers;
  const viewerOf = (i: number): Session => people[i % people.length]!;
  const gavelGet = (id: string) => (i: number) =>
    timedAt(s.base, viewerOf(i), "GET", gavelParticipantsPath(id)).then((r) => {
      if (r.status !== 200) throw new Error(`GET participants answered ${r.status}`);
      return r.ms;
    });
  const directGet = (id: string) => () => direct(s.emu, "GET", sinchConferencePath(id)).then((r) => r.ms);
  const warm = async (id: string) => void (await gavelGet(id)(0));
  // After a first GET, a full window, so the measured windows each start with an expired cache.
  const warmWindow = async (id: string) => {
    await warm(id);
    await sleep(WINDOW_MS);
  };

  // Coalescing and latency, together and staggered.
  const tid = "bench-together";
  await room(s.emu, tid, 50);
  await warmWindow(tid);
  let mark = await logMark(s.emu);
  const tLat = stats(await together(z.viewers, z.windows, WINDOW_MS, gavelGet(tid)));
  const tGets = (await getsSince(s.emu, mark, [tid])) / z.windows;
  const dLat = stats(await together(z.viewers, Math.min(2, z.windows), WINDOW_MS, directGet(tid)));
  const proxy = await startNaiveProxy(s.emu, z.proxyPort);
  mark = await logMark(s.emu);
  const pLat = stats(
    await together(z.viewers, 1, WINDOW_MS, async () => {
      const t = performance.now();
      await (await fetch(`http://127.0.0.1:${z.proxyPort}/${tid}`)).arrayBuffer();
      return performance.now() - t;
    }),
  );
  const proxyGets = await getsSince(s.emu, mark, [tid]);
  await proxy.close();
  res.add({
    id: "gets-together",
    measure: `upstream GETs per poll window, ${z.viewers} viewers together`,
    goal: "1",
    gavel: tGets,
    baseline: proxyGets,
    unit: "GETs",
    baselineIs: `naive proxy, one window (its p50 ${pLat.p50.toFixed(0)} ms)`,
  });
  res.add({
    id: "latency-together",
    measure: `viewer latency, ${z.viewers} viewers polling at the same instant (p50)`,
    goal: "p50 ≤ 50 ms",
    gavel: tLat.p50,
    baseline: dLat.p50,
    unit: "ms",
    detail: `p99 ${tLat.p99.toFixed(0)} ms`,
    baselineIs: `${z.viewers} direct signed GETs at once, p99 ${dLat.p99.toFixed(0)} ms`,
  });
  const sid = "bench-staggered";
  await room(s.emu, sid, 50);
  await warmWindow(sid);
  mark = await logMark(s.emu);
  const sLat = stats(await staggered(z.viewers, z.windows, WINDOW_MS, gavelGet(sid)));
  const sGets = (await getsSince(s.emu, mark, [sid])) / z.windows;
  res.add({
    id: "gets-staggered",
    measure: `upstream GETs per poll window, ${z.viewers} viewers staggered`,
    goal: "1",
    gavel: sGets,
    baseline: proxyGets,
    unit: "GETs",
    baselineIs: "naive proxy",
  });
  res.add({
    id: "latency-staggered",
    measure: `viewer latency, ${z.viewers} viewers staggered (p50)`,
    goal: "p50 ≤ 50 ms",
    gavel: sLat.p50,
    baseline: dLat.p50,
    unit: "ms",
    detail: `p99 ${sLat.p99.toFixed(0)} ms`,
    baselineIs: "direct, together",
  });

  // Added latency on a miss at 50 req/s: rooms taken in turn, each asked less often than once a window.
  const rooms = Array.from({ length: 150 }, (_, i) => `bench-miss-${i}`);
  for (const id of rooms) await room(s.emu, id, 5);
  for (const id of rooms) await warm(id);
  mark = await logMark(s.emu);
  const missMs = await atRate(50, z.seconds, (i) => gavelGet(rooms[i % rooms.length]!)(i));
  const missGets = await getsSince(s.emu, mark, rooms);
  const miss = stats(missMs);
  const dMiss = stats(await atRate(50, z.seconds, (i) => directGet(rooms[i % rooms.length]!)()));
  res.add({
    id: "added-miss",
    measure: "participants GET on a cache miss, 50 req/s (p50)",
    goal: "added p50 ≤ 3 ms, p99 ≤ 15 ms",
    gavel: miss.p50,
    baseline: dMiss.p50,
    unit: "ms",
    detail: `added +${(miss.p50 - dMiss.p50).toFixed(1)} p50, +${(miss.p99 - dMiss.p99).toFixed(1)} p99; ${missGets} of ${missMs.length} were misses`,
    baselineIs: "direct signed GET",
  });

  // A hit: one room, back to back (one request in a window is a miss).
  const hid = "bench-hit";
  await room(s.emu, hid, 5);
  await warm(hid);
  const n = z.seconds * 100;
  const hit = stats(await sequential(n, gavelGet(hid)));
  const dHit = stats(await sequential(n, directGet(hid)));
  const unauth = stats(
    await sequential(n, () => timedAt(s.base, null, "GET", gavelParticipantsPath(hid)).then((r) => r.ms)),
  );
  res.add({
    id: "added-hit",
    measure: "participants GET on a cache hit (p50)",
    goal: "added p50 ≤ 3 ms",
    gavel: hit.p50,
    baseline: dHit.p50,
    unit: "ms",
    detail: `p99 ${hit.p99.toFixed(1)} ms`,
    baselineIs: "direct signed GET",
  });
  let bare: number | null = null;
  if (z.bareUrl) {
    const url = z.bareUrl;
    bare = stats(
      await sequential(n, async () => {
        const t = performance.now();
        await (await fetch(url)).arrayBuffer();
        return performance.now() - t;
      }),
    ).p50;
  }
  res.add({
    id: "hit-vs-bare",
    measure: "cache hit vs a bare Next route returning the same JSON (p50)",
    goal: "within 1 ms of the bare route",
    gavel: hit.p50,
    baseline: bare ?? unauth.p50,
    unit: "ms",
    detail: `Gavel's unauthenticated 401: ${unauth.p50.toFixed(2)} ms`,
    baselineIs: bare === null ? "Gavel's 401 (bare Next app not built)" : "bare Next 16 route",
  });
  const b = stats(await bursts(Math.max(5, z.seconds * 5), 10, gavelGet(hid)));
  const db = stats(await bursts(Math.max(5, z.seconds * 5), 10, directGet(hid)));
  res.add({
    id: "added-burst",
    measure: "participants GET, bursts of 10 concurrent (p50)",
    goal: "added p50 ≤ 10 ms",
    gavel: b.p50,
    baseline: db.p50,
    unit: "ms",
    detail: `added +${(b.p50 - db.p50).toFixed(1)} p50, +${(b.p99 - db.p99).toFixed(1)} p99`,
    baselineIs: "direct, bursts of 10",
  });

  // A mute PATCH, alternating mute and unmute on one participant.
  const mid = "bench-mute";
  const [callId] = await room(s.emu, mid, 3);
  await warm(mid);
  const mod = s.moderators[0]!;
  const cmd = (i: number) => (i % 2 === 0 ? "mute" : "unmute");
  const patch = stats(
    await sequential(n / 4, (i) =>
      timedAt(s.base, mod, "PATCH", `${gavelParticipantsPath(mid)}/${callId}`, { command: cmd(i) }).then((r) => {
        if (r.status !== 200) throw new Error(`mute answered ${r.status}: ${r.body}`);
        return r.ms;
      }),
    ),
  );
  const dPatch = stats(
    await sequential(n / 4, (i) =>
      direct(s.emu, "PATCH", `${sinchConferencePath(mid)}/${callId}`, { command: cmd(i) }).then((r) => r.ms),
    ),
  );
  res.add({
    id: "added-mute",
    measure: "mute PATCH (p50)",
    goal: "added ≤ 5 ms",
    gavel: patch.p50,
    baseline: dPatch.p50,
    unit: "ms",
    detail: `added +${(patch.p50 - dPatch.p50).toFixed(1)} p50, p99 ${patch.p99.toFixed(0)} ms`,
    baselineIs: "direct signed PATCH",
  });

  await bulkRows(s, res, z);
}

/** The two bulk rows (also run alone: `--only bulk`). */
export async function bulkRows(s: Stack, res: Results, z: Pick<HttpSizes, "bulk">): Promise<void> {
  const mod = s.moderators[0]!;
  const bulk = async (id: string, callIds: string[]) => {
    const t = performance.now();
    const r = await timedAt(s.base, mod, "POST", `/api/conferences/${id}/bulk`, { action: "mute", callIds });
    const ms = performance.now() - t;
    if (r.status !== 200) throw new Error(`bulk answered ${r.status}: ${r.body}`);
    return { ms, body: JSON.parse(r.body!) as BulkResponse };
  };
  const latency = await s.emu.control.addFault({
    match: { operation: "manageParticipant" },
    count: 100_000,
    fault: { type: "latency", ms: 50 },
  });
  const id = "bench-bulk";
  const ids = await room(s.emu, id, z.bulk);
  await timedAt(s.base, mod, "GET", gavelParticipantsPath(id));
  const g = await bulk(id, ids);
  // Direct, five at a time, the same mutes.
  const did = "bench-bulk-direct";
  const dids = await room(s.emu, did, z.bulk);
  const t = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 5 }, async () => {
      while (next < dids.length) {
        const c = dids[next++]!;
        await direct(s.emu, "PATCH", `${sinchConferencePath(did)}/${c}`, { command: "mute" });
      }
    }),
  );
  const dMs = performance.now() - t;
  await s.emu.control.removeFault(latency.id);
  res.add({
    id: "bulk-mute",
    measure: `bulk mute of ${z.bulk}, 50 ms upstream latency`,
    goal: "< 3 s",
    gavel: g.ms / 1000,
    baseline: dMs / 1000,
    unit: "s",
    detail: `${g.body.failed} failed`,
    baselineIs: "direct, 5 at a time",
  });

  const rid = "bench-bulk-429";
  const rids = await room(s.emu, rid, z.bulk);
  await timedAt(s.base, mod, "GET", gavelParticipantsPath(rid));
  // One in ten of the bulk's requests answered 429 with Retry-After: 1, spread through it.
  for (let i = 0; i < z.bulk / 10; i++) {
    await s.emu.control.addFault({
      match: { operation: "manageParticipant" },
      count: 9,
      fault: { type: "latency", ms: 0 },
    });
    await s.emu.control.addFault({
      match: { operation: "manageParticipant" },
      count: 1,
      fault: { type: "status", status: 429, retryAfter: 1 },
    });
  }
  const r = await bulk(rid, rids);
  await s.emu.control.clearFaults();
  res.add({
    id: "bulk-429",
    measure: `bulk mute of ${z.bulk} while Sinch answers ${z.bulk / 10} requests 429`,
    goal: "slows down, never fails a row",
    gavel: r.body.failed,
    baseline: null,
    unit: "rows failed",
    detail: `${r.body.succeeded} succeeded, ${(r.ms / 1000).toFixed(1)} s`,
    baselineIs: "-",
  });
}
