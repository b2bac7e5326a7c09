/**
 * The HTTP/browser suite's results: one row per measure (goal, Gavel's figure, the
 * baseline measured in the same run, their ratio), printed as a Markdown table and
 * written as JSON to bench-results/<timestamp>.json (git-ignored).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface Row {
  id: string;
  measure: string;
  goal: string;
  /** The figure for Gavel, in `unit`. */
  gavel: number;
  baseline: number | null;
  unit: string;
  /** What the baseline is. */
  baselineIs: string;
  /** Extra figures (p99, counts) shown after the main one. */
  detail?: string;
  /** Anything that makes the figure less than clean (machine busy, sizes cut for --quick). */
  note?: string;
}

/** The request rows (requests.ts), which BENCH_SKIP_HTTP=1 leaves out to time the browser rows alone. */
export const REQUEST_ROWS = [
  "gets-together",
  "gets-staggered",
  "latency-together",
  "latency-staggered",
  "added-miss",
  "added-hit",
  "hit-vs-bare",
  "added-burst",
  "added-mute",
  "bulk-mute",
  "bulk-429",
] as const;

export const EXPECTED_ROWS = [
  ...REQUEST_ROWS,
  "click-optimistic",
  "click-confirmed-0",
  "click-confirmed-100",
  "main-thread-50",
  "main-thread-500",
  "main-thread-500-names",
  "main-thread-2000",
  "timeline-long-tasks",
  "gets-moderators",
  "memory-load",
  "memory-idle",
  "start",
  "dev-start",
  "js-conference",
  "js-home",
  "js-sign-in",
] as const;

export class Results {
  readonly rows: Row[] = [];
  readonly missing = new Map<string, string>();

  add(row: Row): void {
    this.rows.push(row);
    console.log(
      `  ${row.id}: ${fmt(row.gavel)} ${row.unit} (baseline ${row.baseline === null ? "-" : fmt(row.baseline)})`,
    );
  }

  /** A measure that could not be taken in this run, and why. */
  skip(id: string, why: string): void {
    this.missing.set(id, why);
    console.log(`  ${id}: not measured (${why})`);
  }

  print(): void {
    console.log("\n| measure | goal | Gavel | baseline | ratio |");
    console.log("|---|---|---|---|---|");
    for (const r of this.rows) {
      const ratio = r.baseline ? (r.gavel / r.baseline).toFixed(2) : "-";
      const g = `${fmt(r.gavel)} ${r.unit}${r.detail ? ` (${r.detail})` : ""}`;
      const b = r.baseline === null ? r.baselineIs : `${fmt(r.baseline)} ${r.unit} (${r.baselineIs})`;
      console.log(`| ${r.measure}${r.note ? ` [${r.note}]` : ""} | ${r.goal} | ${g} | ${b} | ${ratio} |`);
    }
    for (const [id, why] of this.missing) console.log(`| ${id} | | not measured: ${why} | | |`);
  }

  write(meta: Record<string, unknown>): string {
    const dir = path.join(process.cwd(), "bench-results");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    writeFileSync(
      file,
      JSON.stringify({ ...meta, rows: this.rows, missing: Object.fromEntries(this.missing) }, null, 2),
    );
    return file;
  }
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}
