/**
 * What a page's first-load JavaScript is made of (`npm run bench -- --only bundle
 * [--route /conferences/[conferenceId]]`): runs `next analyze --output` (Turbopack's
 * analyser: compiles, does not build) into .next-analyze, exports the route's graph
 * (`next analyze export`), and sums the client parts of the chunks the route loads
 * before anything is imported on demand, per package and per module. Sizes are each
 * part compressed alone, so their sum exceeds the chunks' gzip size; they rank, they
 * do not add up. BENCHMARKS.md keeps one run's findings.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const NEXT = path.join("node_modules", "next", "dist", "bin", "next");
const DIST = ".next-analyze";

interface Rec {
  type: string;
  kind?: string;
  outputs?: string[];
  filename?: string;
  source_path?: string;
  size?: number;
  compressed_size?: number;
}

export function benchBundle(route: string): void {
  // Next rewrites tsconfig.json for each dist dir it compiles into: put it back.
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  const env = { ...process.env, GAVEL_NEXT_DIST_DIR: DIST, SINCH_APPLICATION_KEY: "", DATABASE_URL: "" };
  try {
    const built = spawnSync(process.execPath, [NEXT, "analyze", "--output"], {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (built.status !== 0) throw new Error("next analyze failed");
  } finally {
    writeFileSync("tsconfig.json", tsconfig);
  }
  const out = spawnSync(process.execPath, [NEXT, "analyze", "export", "--dist-dir", DIST, "--route", route], {
    env,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (out.status !== 0) throw new Error(`next analyze export failed: ${out.stderr}`);
  const recs = out.stdout
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Rec);
  const firstLoad = new Set(
    recs
      .filter((r) => r.type === "group" && r.kind !== "async")
      .flatMap((r) => r.outputs ?? [])
      .filter((o) => o.includes("/_next/static/") && o.endsWith(".js")),
  );
  const parts = recs.filter((r) => r.type === "part" && firstLoad.has(r.filename ?? ""));
  const by = (key: (p: Rec) => string) => {
    const m = new Map<string, { gz: number; raw: number }>();
    for (const p of parts) {
      const k = key(p);
      const v = m.get(k) ?? { gz: 0, raw: 0 };
      v.gz += p.compressed_size ?? 0;
      v.raw += p.size ?? 0;
      m.set(k, v);
    }
    return [...m].sort((a, b) => b[1].gz - a[1].gz);
  };
  const src = (p: Rec) => (p.source_path ?? "").replace("[project]/", "");
  const pkg = (p: Rec) => {
    const s = src(p);
    const m = /^node_modules\/((@[^/]+\/)?[^/]+)/.exec(s);
    return m ? m[1]! : s.split("/").slice(0, 2).join("/");
  };
  const kB = (n: number) => (n / 1024).toFixed(1);
  const total = parts.reduce((a, p) => a + (p.compressed_size ?? 0), 0);
  console.log(
    `\n## First-load JavaScript of ${route}: ${firstLoad.size} chunks, ${kB(total)} kB (parts gzip'd alone)\n`,
  );
  console.log("| package or folder | kB gzip | kB raw |\n|---|---:|---:|");
  for (const [k, v] of by(pkg).slice(0, 30)) console.log(`| ${k} | ${kB(v.gz)} | ${kB(v.raw)} |`);
  console.log("\n| biggest modules | kB gzip |\n|---|---:|");
  for (const [k, v] of by(src).slice(0, 20)) console.log(`| ${k} | ${kB(v.gz)} |`);
}
