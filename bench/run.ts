/**
 * Runs every benchmark and prints its numbers (`npm run bench`). Benchmarks are
 * measurements for people to read, not tests: nothing here passes or fails.
 *
 *   npm run bench -- [--rows N] [--pg postgres://…] [--reps N] [--walk N] [--page-size N]
 */
import { parseArgs } from "node:util";
import { benchAudit } from "./audit";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    pg: { type: "string" },
    reps: { type: "string", default: "30" },
    walk: { type: "string", default: "200" },
    "page-size": { type: "string", default: "50" },
  },
});

const int = (v: string | undefined, name: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1`);
  return n;
};

console.log(`# Gavel benchmarks (node ${process.version}, ${new Date().toISOString()})`);
await benchAudit({
  rows: int(values.rows, "rows"),
  pgUrl: values.pg,
  reps: int(values.reps, "reps"),
  walk: int(values.walk, "walk"),
  pageSize: int(values["page-size"], "page-size"),
});
