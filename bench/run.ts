/**
 * Runs every benchmark and prints its numbers (`npm run bench`). Benchmarks are
 * measurements for people to read, not tests: nothing here passes or fails.
 *
 *   npm run bench -- [--only audit|polling|sign-in-flood]
 *     audit:   [--rows N] [--pg postgres://…] [--reps N] [--walk N] [--page-size N]
 *     polling: [--viewers 1,20,100] [--windows N] [--participants N]
 *     ratelimit: (no options)
 *     sign-in-flood (only when asked for: needs Gavel serving): [--port 3000] [--seconds 20] [--flooders 32]
 */
import { parseArgs } from "node:util";
import { benchAudit } from "./audit";
import { benchPolling } from "./polling";
import { benchRateLimit } from "./rate-limit";
import { benchSignInFlood } from "./sign-in-flood";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    pg: { type: "string" },
    reps: { type: "string", default: "30" },
    walk: { type: "string", default: "200" },
    "page-size": { type: "string", default: "50" },
    viewers: { type: "string", default: "1,20,100" },
    windows: { type: "string", default: "5" },
    participants: { type: "string", default: "500" },
    only: { type: "string" },
    port: { type: "string", default: "3000" },
    seconds: { type: "string", default: "20" },
    flooders: { type: "string", default: "32" },
  },
});

const int = (v: string | undefined, name: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1`);
  return n;
};

console.log(`# Gavel benchmarks (node ${process.version}, ${new Date().toISOString()})`);
const only = values.only;
if (only !== undefined && !["audit", "polling", "ratelimit", "sign-in-flood"].includes(only)) {
  throw new Error("--only must be audit, polling, ratelimit or sign-in-flood");
}
if (only === "sign-in-flood") {
  await benchSignInFlood({
    port: int(values.port, "port"),
    seconds: int(values.seconds, "seconds"),
    flooders: int(values.flooders, "flooders"),
  });
}
if (only === undefined || only === "audit")
  await benchAudit({
    rows: int(values.rows, "rows"),
    pgUrl: values.pg,
    reps: int(values.reps, "reps"),
    walk: int(values.walk, "walk"),
    pageSize: int(values["page-size"], "page-size"),
  });
if (only === undefined || only === "polling") {
  await benchPolling({
    viewers: (values.viewers ?? "").split(",").map((v) => int(v.trim(), "viewers")),
    windows: int(values.windows, "windows"),
    pollMs: 2000,
    participants: int(values.participants, "participants"),
  });
}
if (only === undefined || only === "ratelimit") benchRateLimit();
