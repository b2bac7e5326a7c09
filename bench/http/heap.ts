/**
 * What the production server's heap holds before, during and after a crowd
 * (`npm run bench -- --only heap`; issue 12, item 7). Bench-only: the server is
 * started with Node's own `--heapsnapshot-signal=SIGUSR2` (no code in Gavel reacts
 * to anything), and SIGUSR2 makes it write a snapshot into its working directory
 * (the repository root) at four moments: warm, during 200 viewers + 20 moderators,
 * right after them, and after an idle minute. Each snapshot is read here and
 * summarised by constructor (count, shallow size, retained size from the dominator
 * tree), and the largest changes between snapshots are printed beside VmRSS.
 */
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { pidListeningOn, rssMiB, timedAt } from "../../e2e/http-session";
import { room, sleep, until } from "./load";
import { buildGavel, gavelParticipantsPath, startStack, type Stack } from "./stack";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const WINDOW_MS = 2000;

interface Summary {
  label: string;
  rssMiB: number;
  totalMiB: number;
  byName: Map<string, { count: number; self: number; retained: number }>;
}

/** Counts, shallow and retained bytes per constructor (type:name) of one snapshot. */
export function summarise(file: string, label: string, rss: number): Summary {
  const snap = JSON.parse(readFileSync(file, "utf8")) as {
    snapshot: {
      meta: { node_fields: string[]; edge_fields: string[]; node_types: [string[]]; edge_types: [string[]] };
    };
    nodes: number[];
    edges: number[];
    strings: string[];
  };
  const { node_fields: nf, edge_fields: ef, node_types, edge_types } = snap.snapshot.meta;
  const NF = nf.length;
  const EF = ef.length;
  const [typeI, nameI, sizeI, edgesI] = ["type", "name", "self_size", "edge_count"].map((f) => nf.indexOf(f));
  const [etypeI, toI] = ["type", "to_node"].map((f) => ef.indexOf(f));
  const nodeTypes = node_types[0];
  const weak = edge_types[0].indexOf("weak");
  const n = snap.nodes.length / NF;
  const firstEdge = new Uint32Array(n + 1);
  for (let i = 0, e = 0; i < n; i++) {
    firstEdge[i] = e;
    e += snap.nodes[i * NF + edgesI!]! * EF;
  }
  firstEdge[n] = snap.edges.length;
  const succ = (i: number, f: (j: number) => void) => {
    for (let e = firstEdge[i]!; e < firstEdge[i + 1]!; e += EF) {
      if (snap.edges[e + etypeI!] === weak) continue;
      f(snap.edges[e + toI!]! / NF);
    }
  };
  // Post-order from the root (node 0), then dominators (Cooper, Harvey, Kennedy).
  const order = new Int32Array(n).fill(-1);
  const post: number[] = [];
  const stack: number[] = [0];
  const iter = new Uint32Array(n);
  const seen = new Uint8Array(n);
  seen[0] = 1;
  for (let i = 0; i < n; i++) iter[i] = firstEdge[i]!;
  while (stack.length) {
    const v = stack[stack.length - 1]!;
    let pushed = false;
    while (iter[v]! < firstEdge[v + 1]!) {
      const e = iter[v]!;
      iter[v] = e + EF;
      if (snap.edges[e + etypeI!] === weak) continue;
      const w = snap.edges[e + toI!]! / NF;
      if (!seen[w]) {
        seen[w] = 1;
        stack.push(w);
        pushed = true;
        break;
      }
    }
    if (!pushed) {
      stack.pop();
      order[v] = post.length;
      post.push(v);
    }
  }
  const preds: number[][] = Array.from({ length: n }, () => []);
  for (const v of post) succ(v, (w) => order[w]! >= 0 && preds[w]!.push(v));
  const idom = new Int32Array(n).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (order[a]! < order[b]!) a = idom[a]!;
      while (order[b]! < order[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = post.length - 2; k >= 0; k--) {
      const v = post[k]!;
      let d = -1;
      for (const p of preds[v]!) if (idom[p]! >= 0) d = d < 0 ? p : intersect(p, d);
      if (d >= 0 && idom[v] !== d) {
        idom[v] = d;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(n);
  for (const v of post) retained[v]! += snap.nodes[v * NF + sizeI!]!;
  for (const v of post) if (v !== 0) retained[idom[v]!]! += retained[v]!;
  const byName = new Map<string, { count: number; self: number; retained: number }>();
  let total = 0;
  for (const v of post) {
    const type = nodeTypes[snap.nodes[v * NF + typeI!]!]!;
    const raw = type === "object" || type === "closure" ? snap.strings[snap.nodes[v * NF + nameI!]!]! : `(${type})`;
    const key = raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
    const self = snap.nodes[v * NF + sizeI!]!;
    total += self;
    const row = byName.get(key) ?? { count: 0, self: 0, retained: 0 };
    row.count++;
    row.self += self;
    // Retained per constructor counts only objects whose dominator is of another constructor (no double counting).
    const d = idom[v]!;
    const dType = nodeTypes[snap.nodes[d * NF + typeI!]!]!;
    const dName =
      dType === "object" || dType === "closure" ? snap.strings[snap.nodes[d * NF + nameI!]!]! : `(${dType})`;
    if (v === 0 || dName !== raw) row.retained += retained[v]!;
    byName.set(key, row);
  }
  return { label, rssMiB: rss, totalMiB: total / 2 ** 20, byName };
}

const mib = (b: number) => (b / 2 ** 20).toFixed(1);

export function printHeapComparison(s: Summary[], top = 25): void {
  console.log(`| moment | RSS MiB | reachable heap MiB |\n|---|---|---|`);
  for (const x of s) console.log(`| ${x.label} | ${x.rssMiB.toFixed(0)} | ${x.totalMiB.toFixed(1)} |`);
  const names = new Set(s.flatMap((x) => [...x.byName.keys()]));
  const rows = [...names].map((name) => ({
    name,
    v: s.map((x) => x.byName.get(name) ?? { count: 0, self: 0, retained: 0 }),
  }));
  console.log(`\nTop retainers during the crowd (retained MiB; count) at ${s.map((x) => x.label).join(" → ")}:\n`);
  rows.sort((a, b) => (b.v[1]?.retained ?? 0) - (a.v[1]?.retained ?? 0));
  for (const r of rows.slice(0, top))
    console.log(`${r.name.padEnd(45)} ${r.v.map((x) => `${mib(x.retained).padStart(7)} (${x.count})`).join("  ")}`);
  console.log(`\nLargest growth of shallow size from first to last (MiB; count):\n`);
  rows.sort((a, b) => b.v.at(-1)!.self - b.v[0]!.self - (a.v.at(-1)!.self - a.v[0]!.self));
  for (const r of rows.slice(0, top))
    console.log(`${r.name.padEnd(45)} ${r.v.map((x) => `${mib(x.self).padStart(7)} (${x.count})`).join("  ")}`);
}

async function snapshot(pid: number, label: string): Promise<Summary> {
  const before = new Set(readdirSync(ROOT).filter((f) => f.endsWith(".heapsnapshot")));
  const rss = rssMiB(pid);
  process.kill(pid, "SIGUSR2");
  // Written in one go by the server; wait until a new file stops growing.
  let file: string | undefined;
  for (let last = -1; ; ) {
    await sleep(1000);
    file ??= readdirSync(ROOT).find((f) => f.endsWith(".heapsnapshot") && !before.has(f));
    if (!file) continue;
    const size = statSync(path.join(ROOT, file)).size;
    if (size > 0 && size === last) break;
    last = size;
  }
  const full = path.join(ROOT, file);
  const s = summarise(full, label, rss);
  console.log(`${label}: RSS ${rss.toFixed(0)} MiB, reachable heap ${s.totalMiB.toFixed(1)} MiB (${file})`);
  if (!process.env.BENCH_KEEP_HEAPSNAPSHOTS) rmSync(full);
  return s;
}

async function crowd(s: Stack, id: string, callIds: string[], viewers: number, seconds: number, during: () => void) {
  const live = gavelParticipantsPath(id);
  const start = Date.now() + 50;
  const end = start + seconds * 1000;
  const viewer = async (i: number) => {
    const who = s.viewers[i % s.viewers.length]!;
    for (let next = start + (i * WINDOW_MS) / viewers; next < end; next += WINDOW_MS) {
      await until(next);
      await timedAt(s.base, who, "GET", live);
    }
  };
  const moderator = async (i: number) => {
    let n = 0;
    for (let next = start + (i * 1000) / s.moderators.length; next < end; next += 1000) {
      await until(next);
      const command = Math.floor(n / 2) % 2 === 0 ? "mute" : "unmute";
      await timedAt(s.base, s.moderators[i]!, "PATCH", `${live}/${callIds[2 * i + (n++ % 2)]}`, { command });
    }
  };
  const halfway = sleep((seconds * 1000) / 2).then(during);
  await Promise.all([
    halfway,
    ...Array.from({ length: viewers }, (_, i) => viewer(i)),
    ...s.moderators.map((_, i) => moderator(i)),
  ]);
}

export async function benchHeap(o: { distDir: string; port: number; emulatorPort: number; seconds: number }) {
  console.log(`\n## Heap snapshots under load (--only heap)\n`);
  buildGavel(o.distDir, false);
  const s = await startStack({
    port: o.port,
    emulatorPort: o.emulatorPort,
    distDir: o.distDir,
    viewerPeople: 10,
    moderators: 20,
    serverNodeArgs: ["--heapsnapshot-signal=SIGUSR2"],
  });
  try {
    const id = "bench-heap";
    const callIds = await room(s.emu, id, 40);
    const pid = pidListeningOn(s.port);
    // Warm: the same load for a few seconds first (V8 grows its heap on first use).
    await crowd(s, id, callIds, 200, 10, () => undefined);
    await sleep(5000);
    const shots: Summary[] = [await snapshot(pid, "warm")];
    let during: Promise<Summary> | null = null;
    await crowd(s, id, callIds, 200, o.seconds, () => {
      during = snapshot(pid, "during");
    });
    shots.push(await during!);
    shots.push(await snapshot(pid, "after"));
    await sleep(60_000);
    shots.push(await snapshot(pid, "idle 60 s"));
    printHeapComparison(shots);
  } finally {
    await s.stop();
  }
}
