/**
 * Where a request's CPU goes (`npm run bench -- --only profile`): Gavel's production
 * server runs with `node --cpu-prof` while one client sends requests back to back, in
 * three server runs: unauthenticated participants GETs (answered 401), signed-in cache
 * hits, and a moderator's mute PATCHes (mute and unmute in turn). Each profile's
 * samples are mapped through the build's source maps to their original module and
 * grouped by what they are (Next, next-auth/jose, zod, logging, SQLite, JSON/gzip,
 * Gavel's own code, Node/V8), printed as self time and inclusive time per group and
 * the top self-time functions. BENCHMARKS.md keeps one run's findings.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { SourceMap } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { timedAt } from "../../e2e/http-session";
import { room, sequential } from "./load";
import { buildGavel, gavelParticipantsPath, startStack } from "./stack";

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: Frame;
  children?: number[];
}
interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, SourceMap | null>();
function sourceMapFor(url: string): SourceMap | null {
  if (!maps.has(url)) {
    let map: SourceMap | null = null;
    try {
      const file = url.startsWith("file://") ? fileURLToPath(url) : url;
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return maps.get(url)!;
}

/** The original module of a frame: its source-mapped path when the build has a map, else its URL. */
function origin(f: Frame): string {
  if (f.url.includes("/server/chunks/") || f.url.includes("/server/app/")) {
    const entry = sourceMapFor(f.url)?.findEntry(f.lineNumber, f.columnNumber) as
      | { originalSource?: string }
      | undefined;
    if (entry?.originalSource) return entry.originalSource.replace(/^(\.\.\/)+/, "").replace(/^\[project\]\//, "");
  }
  return f.url;
}

const GROUPS: [string, RegExp][] = [
  ["next-auth / jose (session)", /next-auth|jose|openid|oauth|@panva/],
  ["zod", /node_modules\/zod/],
  ["SQLite / Kysely", /better-sqlite3|kysely|lib\/db\//],
  ["logging", /lib\/log\//],
  ["Gavel: auth & API layer", /lib\/(auth|api|security|config)\//],
  ["Gavel: conferences & Sinch client", /lib\/(conferences|sinch|audit)\//],
  ["Gavel: other", /^(lib|app|proxy|instrumentation)|front-server/],
  ["Next.js", /node_modules\/next\/|next-server|\/next\/dist\//],
  ["Turbopack runtime (module loading)", /turbopack|\[turbopack\]/],
  ["bcrypt (the bench's own sign-ins at start)", /bcryptjs/],
  ["tsx loader", /node_modules\/tsx\//],
  ["React (server)", /react-dom|react-server|node_modules\/react\//],
  ["Node: http / net / streams", /^node:(_http|http|net|stream|internal\/streams|events)|internal\/(http|net|streams)/],
  ["Node: zlib / crypto", /^node:(zlib|crypto)|internal\/crypto/],
  ["Node: other", /^node:|internal\//],
];

function group(f: Frame, where: string): string {
  if (f.url === "") {
    if (f.functionName === "(garbage collector)") return "GC";
    if (f.functionName === "(idle)") return "(idle)";
    if (f.functionName === "(program)") return "(program: V8/native)";
    if (/^JSON|stringify|parse$/.test(f.functionName)) return "JSON";
    return "native";
  }
  for (const [name, re] of GROUPS) if (re.test(where)) return name;
  return "other";
}

/**
 * `window`: the measured stretch in µs of the monotonic clock, which V8's profile
 * timestamps and this process's hrtime share on Linux: start-up and warm-up are left out.
 */
export function summarise(file: string, label: string, window?: [number, number]): string {
  const prof = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const info = new Map(
    prof.nodes.map((n) => {
      const where = origin(n.callFrame);
      return [n.id, { where, group: group(n.callFrame, where) }];
    }),
  );
  const selfMs = new Map<number, number>();
  const groupSelf = new Map<string, number>();
  const groupOwn = new Map<string, number>();
  const nodeish = (g: string) => g.startsWith("Node") || g === "native" || g === "JSON" || g === "other";
  const groupIncl = new Map<string, number>();
  let busy = 0;
  let at = prof.startTime;
  prof.samples.forEach((id, i) => {
    at += prof.timeDeltas[i] ?? 0;
    if (window && (at < window[0] || at > window[1])) return;
    const dt = (prof.timeDeltas[i + 1] ?? 0) / 1000;
    const g = info.get(id)!.group;
    if (g === "(idle)") return;
    busy += dt;
    selfMs.set(id, (selfMs.get(id) ?? 0) + dt);
    groupSelf.set(g, (groupSelf.get(g) ?? 0) + dt);
    // Attributed: Node's and V8's own work charged to the nearest caller that is not Node.
    let owner = g;
    for (let n: number | undefined = id; n !== undefined && nodeish(owner); n = parent.get(n))
      owner = info.get(n)!.group;
    if (nodeish(owner)) owner = "Node/V8 with no library or app frame above";
    groupOwn.set(owner, (groupOwn.get(owner) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) seen.add(info.get(n)!.group);
    for (const s of seen) groupIncl.set(s, (groupIncl.get(s) ?? 0) + dt);
  });
  const pct = (ms: number) => `${((100 * ms) / busy).toFixed(1)} %`;
  const lines = [
    `### ${label}: ${busy.toFixed(0)} ms of CPU sampled (idle excluded)`,
    "",
    "| group | self | self, Node's work charged to its caller | inclusive |",
    "|---|---:|---:|---:|",
  ];
  const all = new Set([...groupSelf.keys(), ...groupOwn.keys()]);
  for (const g of [...all].sort((a, b) => (groupOwn.get(b) ?? 0) - (groupOwn.get(a) ?? 0)))
    lines.push(
      `| ${g} | ${pct(groupSelf.get(g) ?? 0)} | ${pct(groupOwn.get(g) ?? 0)} | ${pct(groupIncl.get(g) ?? 0)} |`,
    );
  const fnSelf = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || "(anonymous)"} — ${info.get(id)!.where.replace(/^.*node_modules\//, "")}:${n.callFrame.lineNumber + 1}`;
    fnSelf.set(key, (fnSelf.get(key) ?? 0) + ms);
  }
  lines.push("", "| top self-time functions | self |", "|---|---:|");
  for (const [k, ms] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, 20))
    lines.push(`| ${k.replace(/\|/g, "\\|")} | ${pct(ms)} |`);
  return lines.join("\n");
}

/** The largest .cpuprofile in `dir`: the Next server's (the launcher's is small). */
function serverProfile(dir: string): string {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(dir, f));
  if (files.length === 0) throw new Error(`no CPU profile written in ${dir}`);
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
}

export async function benchProfile(o: { distDir: string; port: number; emulatorPort: number; seconds: number }) {
  buildGavel(o.distDir, false);
  for (const [label, kind] of [
    ["Rejected request (401, no session)", "401"],
    ["Cache hit (signed in)", "hit"],
    ["Mute PATCH (a moderator, mute and unmute in turn)", "mute"],
  ] as const) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gavel-cpu-prof-"));
    const s = await startStack({
      port: o.port,
      emulatorPort: o.emulatorPort,
      distDir: o.distDir,
      viewerPeople: 1,
      moderators: kind === "mute" ? 1 : 0,
      serverNodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`],
    });
    let n = 0;
    let from = 0;
    let to = 0;
    try {
      const [callId] = await room(s.emu, "bench-profile", 5);
      const p = gavelParticipantsPath("bench-profile");
      const who = kind === "401" ? null : kind === "hit" ? s.viewers[0]! : s.moderators[0]!;
      const want = kind === "401" ? 401 : 200;
      let k = 0;
      const once = async () => {
        const r =
          kind === "mute"
            ? await timedAt(s.base, who, "PATCH", `${p}/${callId}`, { command: k++ % 2 ? "unmute" : "mute" })
            : await timedAt(s.base, who, "GET", p);
        if (r.status !== want) throw new Error(`expected ${want}, got ${r.status}: ${r.body}`);
        return r.ms;
      };
      // Warm up, then the measured stretch.
      await sequential(200, once);
      from = Number(process.hrtime.bigint() / 1000n);
      const end = Date.now() + o.seconds * 1000;
      while (Date.now() < end) {
        await once();
        n++;
      }
      to = Number(process.hrtime.bigint() / 1000n);
    } finally {
      await s.stop();
    }
    console.log(`\n${summarise(serverProfile(dir), `${label}, ${n} requests back to back`, [from, to])}`);
    rmSync(dir, { recursive: true, force: true });
  }
}
