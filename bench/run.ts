/**
 * Runs every benchmark and prints its numbers (`npm run bench`). Benchmarks are
 * measurements for people to read, not tests: nothing here passes or fails.
 *
 *   npm run bench -- [--quick] [--only audit|polling|ratelimit|http|sign-in-flood]
 *     --quick: every part for a few seconds at small sizes (CI runs it: proof the suite runs, no goals)
 *     audit:   [--rows N] [--pg postgres://…] [--reps N] [--walk N] [--page-size N]
 *     polling: [--viewers 1,20,100] [--windows N] [--participants N]
 *     ratelimit: (no options)
 *     http:    [--rebuild] [--dist-dir .next-bench] [--http-port 3360] [--emulator-port 4360] [--no-dev]
 *              (the Speed table over real HTTP and in Chromium, against the production build; bench/http/)
 *     profile (only when asked for): [--seconds 20] CPU profiles of the production server (401s, cache hits)
 *     bulk (only when asked for): the HTTP suite's two bulk rows alone
 *     heap (only when asked for): [--seconds 60] heap snapshots of the production server before, during, after a crowd
 *     page-profile (only when asked for): [--rows 500] [--seconds 20] where the conference page's main-thread time goes per poll
 *     page-census (only when asked for): [--rows 500] [--seconds 20] the page's React renders and timers per poll, by who asked
 *     bundle (only when asked for): [--route /conferences/[conferenceId]] what a page's first-load JS is made of
 *     sign-in-flood (only when asked for: needs Gavel serving): [--port 3000] [--seconds 20] [--flooders 32]
 */
import { parseArgs } from "node:util";
import { benchAudit } from "./audit";
import { benchBulk } from "./http/bulk-only";
import { benchPageCensus } from "./http/page-census";
import { benchPageProfile } from "./http/page-profile";
import { benchHeap } from "./http/heap";
import { benchBundle } from "./bundle";
import { benchHttp } from "./http";
import { benchProfile } from "./http/profile";
import { benchPolling } from "./polling";
import { benchRateLimit } from "./rate-limit";
import { benchSignInFlood } from "./sign-in-flood";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    rebuild: { type: "boolean", default: false },
    "dist-dir": { type: "string", default: ".next-bench" },
    "http-port": { type: "string", default: "3360" },
    "emulator-port": { type: "string", default: "4360" },
    "no-dev": { type: "boolean", default: false },
    rows: { type: "string" },
    pg: { type: "string" },
    reps: { type: "string" },
    walk: { type: "string" },
    "page-size": { type: "string", default: "50" },
    viewers: { type: "string" },
    windows: { type: "string" },
    participants: { type: "string", default: "500" },
    only: { type: "string" },
    port: { type: "string", default: "3000" },
    seconds: { type: "string", default: "20" },
    flooders: { type: "string", default: "32" },
    route: { type: "string", default: "/conferences/[conferenceId]" },
  },
});

const int = (v: string | undefined, name: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1`);
  return n;
};

console.log(`# Gavel benchmarks (node ${process.version}, ${new Date().toISOString()})`);
const only = values.only;
if (
  only !== undefined &&
  ![
    "audit",
    "polling",
    "ratelimit",
    "http",
    "profile",
    "page-profile",
    "page-census",
    "bundle",
    "sign-in-flood",
    "heap",
    "bulk",
  ].includes(only)
) {
  throw new Error(
    "--only must be audit, polling, ratelimit, http, profile, page-profile, page-census, bundle, sign-in-flood, heap or bulk",
  );
}
const quick = values.quick;
/** An option's value, or its default for a full run or for --quick. */
const opt = (v: string | undefined, full: string, short: string) => v ?? (quick ? short : full);
if (only === "sign-in-flood") {
  await benchSignInFlood({
    port: int(values.port, "port"),
    seconds: int(values.seconds, "seconds"),
    flooders: int(values.flooders, "flooders"),
  });
}
if (only === undefined || only === "audit")
  await benchAudit({
    rows: int(opt(values.rows, "100000", "2000"), "rows"),
    pgUrl: values.pg,
    reps: int(opt(values.reps, "30", "3"), "reps"),
    walk: int(opt(values.walk, "200", "10"), "walk"),
    pageSize: int(values["page-size"], "page-size"),
  });
if (only === undefined || only === "polling") {
  await benchPolling({
    viewers: opt(values.viewers, "1,20,100", "1,5")
      .split(",")
      .map((v) => int(v.trim(), "viewers")),
    windows: int(opt(values.windows, "5", "1"), "windows"),
    pollMs: 2000,
    participants: int(values.participants, "participants"),
  });
}
if (only === undefined || only === "ratelimit") benchRateLimit(quick ? 20_000 : 200_000);
if (only === undefined || only === "http") {
  await benchHttp({
    quick,
    rebuild: values.rebuild,
    distDir: values["dist-dir"],
    port: int(values["http-port"], "http-port"),
    emulatorPort: int(values["emulator-port"], "emulator-port"),
    dev: !quick && !values["no-dev"],
  });
}
if (only === "profile") {
  await benchProfile({
    distDir: values["dist-dir"],
    port: int(values["http-port"], "http-port"),
    emulatorPort: int(values["emulator-port"], "emulator-port"),
    seconds: int(values.seconds, "seconds"),
  });
}
if (only === "page-profile" || only === "page-census") {
  const room = {
    distDir: values["dist-dir"],
    port: int(values["http-port"], "http-port"),
    emulatorPort: int(values["emulator-port"], "emulator-port"),
    rows: int(values.rows ?? "500", "rows"),
    seconds: int(values.seconds, "seconds"),
  };
  await (only === "page-profile" ? benchPageProfile(room) : benchPageCensus(room));
}
if (only === "bundle") benchBundle(values.route);
if (only === "bulk") {
  await benchBulk({
    distDir: values["dist-dir"],
    port: int(values["http-port"], "http-port"),
    emulatorPort: int(values["emulator-port"], "emulator-port"),
    quick,
  });
}
if (only === "heap") {
  await benchHeap({
    distDir: values["dist-dir"],
    port: int(values["http-port"], "http-port"),
    emulatorPort: int(values["emulator-port"], "emulator-port"),
    seconds: int(values.seconds === "20" ? "60" : values.seconds, "seconds"),
  });
}
