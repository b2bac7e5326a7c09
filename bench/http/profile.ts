/**
 * Where a request's CPU goes (`npm run bench -- --only profile`): Gavel's production
 * server runs with `node --cpu-prof` while one client sends, back to back, first
 * unauthenticated participants GETs (answered 401) and then, in a second server run,
 * signed-in cache hits. Each profile's samples are mapped through the build's source
 * maps to their original module and grouped by what they are (Next, next-auth/jose,
 * zod, logging, SQLite, JSON/gzip, Gavel's own code, Node/V8), printed as self time
 * and inclusive time per group and the top self-time functions. BENCHMARKS.md keeps
 * one run's findings.
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

export function summarise(file: string, label: string): string {
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
  const groupIncl = new Map<string, number>();
  let busy = 0;
  prof.samples.forEach((id, i) => {
    const dt = (prof.timeDeltas[i + 1] ?? 0) / 1000;
    const g = info.get(id)!.group;
    if (g === "(idle)") return;
    busy += dt;
    selfMs.set(id, (selfMs.get(id) ?? 0) + dt);
    groupSelf.set(g, (groupSelf.get(g) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) seen.add(info.get(n)!.group);
    for (const s of seen) groupIncl.set(s, (groupIncl.get(s) ?? 0) + dt);
  });
  const pct = (ms: number) => `${((100 * ms) / busy).toFixed(1)} %`;
  const lines = [
    `### ${label}: ${busy.toFixed(0)} ms of CPU sampled (idle excluded)`,
    "",
    "| group | self | inclusive |",
    "|---|---:|---:|",
  ];
  for (const [g, ms] of [...groupSelf].sort((a, b) => b[1] - a[1]))
    lines.push(`| ${g} | ${pct(ms)} | ${pct(groupIncl.get(g) ?? 0)} |`);
  const fnSelf = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || "(anonymous)"} — ${info.get(id)!.where.replace(/^.*node_modules\//, "")}:${n.callFrame.lineNumber + 1}`;
    fnSelf.set(key, (fnSelf.get(key) ?? 0) + ms);
  }
  lines.push("", "| top self-time functions | self |", "|---|---:|");
  for (const [k, ms] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, 15))
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
  for (const [label, signedIn] of [
    ["Rejected request (401, no session)", false],
    ["Cache hit (signed in)", true],
  ] as const) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gavel-cpu-prof-"));
    const s = await startStack({
      port: o.port,
      emulatorPort: o.emulatorPort,
      distDir: o.distDir,
      viewerPeople: 1,
      moderators: 0,
      nodeOptions: `--cpu-prof --cpu-prof-dir=${dir}`,
    });
    let n = 0;
    try {
      await room(s.emu, "bench-profile", 5);
      const p = gavelParticipantsPath("bench-profile");
      const who = signedIn ? s.viewers[0]! : null;
      // Warm up, then the measured stretch.
      await sequential(200, () => timedAt(s.base, who, "GET", p).then((r) => r.ms));
      const end = Date.now() + o.seconds * 1000;
      while (Date.now() < end) {
        await timedAt(s.base, who, "GET", p);
        n++;
      }
    } finally {
      await s.stop();
    }
    console.log(`\n${summarise(serverProfile(dir), `${label}, ${n} requests back to back`)}`);
    rmSync(dir, { recursive: true, force: true });
  }
}
