/**
 * The bare Next 16 app (bench/fixtures/bare-next: a layout, a page and one route
 * answering a fixed JSON file): built once, started with `next start`, for the
 * baselines "a bare Next route returning the same JSON", first-load JavaScript and
 * idle memory. Its build is skipped when it fails, and the rows say so.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pidListeningOn, rssMiB } from "../../e2e/http-session";
import { spawnGroup, stopGroup, waitFor } from "./stack";

const DIR = path.join("bench", "fixtures", "bare-next");
const NEXT = path.join("node_modules", "next", "dist", "bin", "next");

export interface BareNext {
  /** The route answering the same JSON as Gavel's participants GET. */
  url: string;
  port: number;
  idleMiB(): number;
  stop(): Promise<void>;
}

/** Builds (once) and starts the bare app on `port`, answering `json`; null when it cannot be built. */
export async function startBareNext(port: number, json: string, rebuild: boolean): Promise<BareNext | null> {
  if (rebuild || !existsSync(path.join(DIR, ".next", "BUILD_ID"))) {
    console.log("Building the bare Next app (bench/fixtures/bare-next) …");
    const r = spawnSync(process.execPath, [NEXT, "build", DIR], { stdio: ["ignore", "ignore", "inherit"] });
    if (r.status !== 0) {
      console.error("The bare Next app did not build: its baselines are left out.");
      return null;
    }
  }
  const file = path.join(os.tmpdir(), `gavel-bench-bare-${port}.json`);
  writeFileSync(file, json);
  const child: ChildProcess = spawnGroup(
    [NEXT, "start", DIR, "-p", String(port)],
    { ...process.env, NODE_ENV: "production", BARE_JSON_FILE: file },
    "bare next",
  );
  const url = `http://localhost:${port}/api/participants`;
  await waitFor(url, 60_000, 200);
  return {
    url,
    port,
    idleMiB: () => rssMiB(pidListeningOn(port)),
    stop: () => stopGroup(child),
  };
}
