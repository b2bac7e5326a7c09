/**
 * Before the fleet specs: makes sure there is a build to run. `npm test` runs the
 * fleet after test:e2e, whose build (.next-e2e-<E2E_PORT>) is reused as it is; run on
 * its own with no build there, the fleet builds once, into that same directory.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fleetDistDir } from "./settings";

export default function globalSetup(): void {
  const dist = fleetDistDir();
  if (existsSync(path.join(dist, "BUILD_ID"))) {
    console.log(`fleet: reusing the build in ${dist}`);
    return;
  }
  console.log(`fleet: no build in ${dist}, building it once`);
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/build-isolated.ts"], {
    stdio: "inherit",
    env: { ...process.env, GAVEL_NEXT_DIST_DIR: dist, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`the build for the fleet failed (exit ${result.status})`);
}
