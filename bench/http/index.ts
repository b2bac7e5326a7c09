/**
 * The HTTP and browser suite (`npm run bench`, `--only http`): Gavel's production
 * build started as `npm start` starts it, against the emulator in this process, each
 * figure of the Speed table beside its baseline measured in the same run. `--quick`
 * runs every row for a few seconds at small sizes, for CI: figures are then not
 * comparable with the goals, only proof that the suite still runs.
 */
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { timedAt } from "../../e2e/http-session";
import { startBareNext, type BareNext } from "./bare-next";
import { browserRows } from "./browser";
import { room } from "./load";
import { httpRows } from "./requests";
import { crowdRows, devStartMs, nextStartMs } from "./server-rows";
import { buildGavel, gavelParticipantsPath, startStack, type Stack } from "./stack";
import { EXPECTED_ROWS, REQUEST_ROWS, Results } from "./table";

export interface HttpBenchOptions {
  quick: boolean;
  rebuild: boolean;
  distDir: string;
  /** Gavel's port; the emulator, proxy, bare app and extra servers use the ones after it (see README). */
  port: number;
  emulatorPort: number;
  /** Also time `npm run dev` to the first sign-in page (slow: compiles on demand). */
  dev: boolean;
}

export async function benchHttp(o: HttpBenchOptions): Promise<void> {
  const q = o.quick;
  const t0 = Date.now();
  console.log(`\n## HTTP and browser suite${q ? " (--quick: small sizes, figures not comparable with goals)" : ""}\n`);
  buildGavel(o.distDir, o.rebuild);
  const res = new Results();
  let s: Stack | null = null;
  let bare: BareNext | null = null;
  try {
    s = await startStack({
      port: o.port,
      emulatorPort: o.emulatorPort,
      distDir: o.distDir,
      viewerPeople: q ? 2 : 10,
      moderators: q ? 3 : 20,
    });
    // The bare route answers exactly what Gavel's participants GET answers for a room of 5.
    await room(s.emu, "bench-shape", 5);
    const shape = await timedAt(s.base, s.viewers[0]!, "GET", gavelParticipantsPath("bench-shape"));
    bare = await startBareNext(o.port + 3, shape.body ?? "{}", o.rebuild);
    if (!process.env.BENCH_SKIP_HTTP)
      await httpRows(s, res, {
        viewers: q ? 20 : 200,
        windows: q ? 1 : 5,
        seconds: q ? 1 : 10,
        bulk: q ? 20 : 200,
        proxyPort: o.port + 2,
        bareUrl: bare?.url ?? null,
      });
    else for (const id of REQUEST_ROWS) res.skip(id, "BENCH_SKIP_HTTP=1 (the browser rows alone)");
    await browserRows(s, res, {
      clicks: q ? 2 : 30,
      // 40: a p95 of fewer than 21 polls is simply the worst one (nearest rank).
      polls: q ? 1 : 40,
      timelineSeconds: q ? 3 : 15,
      bareUrl: bare?.url ?? null,
    });
    await crowdRows(s, res, {
      viewers: q ? 20 : 200,
      seconds: q ? 4 : 60,
      idleSeconds: q ? 2 : 60,
      bareIdleMiB: bare ? bare.idleMiB() : null,
    });
    const nextStart = await nextStartMs(s, o.port + 4);
    res.add({
      id: "start",
      measure: "`npm start` (built) → sign-in page answers",
      goal: "report",
      gavel: s.startMs / 1000,
      baseline: nextStart / 1000,
      unit: "s",
      baselineIs: "`next start` of the same build",
    });
    if (o.dev) {
      // Next rewrites tsconfig.json for each dist dir it serves from: put it back.
      const tsconfig = readFileSync("tsconfig.json", "utf8");
      try {
        res.add({
          id: "dev-start",
          measure: "`npm run dev` → first sign-in page",
          goal: "report",
          gavel: (await devStartMs(s, o.port + 5)) / 1000,
          baseline: null,
          unit: "s",
          baselineIs: "-",
        });
      } finally {
        writeFileSync("tsconfig.json", tsconfig);
      }
    } else res.skip("dev-start", "only without --quick (it compiles the sign-in page on demand)");
  } finally {
    await bare?.stop();
    await s?.stop();
  }
  res.print();
  const missing = EXPECTED_ROWS.filter((id) => !res.rows.some((r) => r.id === id) && !res.missing.has(id));
  const file = res.write({
    quick: q,
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    loadavg: os.loadavg(),
    seconds: Math.round((Date.now() - t0) / 1000),
  });
  console.log(`\nWritten to ${file} (${Math.round((Date.now() - t0) / 1000)} s).`);
  if (missing.length > 0) throw new Error(`the suite produced no row for: ${missing.join(", ")}`);
}
