/**
 * What a route test stands on: a real emulator over HTTP, a throwaway data folder,
 * and the process's configuration pointed at both (TEST_ROUTE_ENV plus the test's own
 * settings), read afresh. Routes are imported after `startRouteWorld` so that they
 * see it. `close()` waits for the work a route left running (reconciliation's
 * decisions, the poll's bookkeeping), then closes the database, the emulator and
 * removes the folder. `routeWorldForFile` does all that around a test file's tests.
 * Test code.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, vi } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../sinch/emulator";
import { TEST_ROUTE_ENV } from "./route-requests";

export interface RouteWorld {
  emu: RunningEmulator;
  dataDir: string;
  close(): Promise<void>;
}

export async function startRouteWorld(options: {
  /** Names the data folder (`gavel-<name>-…` in the system's temp folder). */
  name: string;
  /** Settings beyond TEST_ROUTE_ENV and the emulator's credentials. */
  env?: Record<string, string>;
  emulator?: Partial<EmulatorOptions>;
}): Promise<RouteWorld> {
  const emu = await startEmulator({
    applicationKey: "test-key",
    applicationSecret: "dGVzdC1zZWNyZXQ=",
    ...options.emulator,
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `gavel-${options.name}-`));
  Object.assign(process.env, {
    ...TEST_ROUTE_ENV,
    SINCH_APPLICATION_KEY: emu.applicationKey,
    SINCH_APPLICATION_SECRET: emu.applicationSecret,
    SINCH_BASE_URL: emu.url,
    GAVEL_DATA_DIR: dataDir,
    ...options.env,
  });
  (await import("../config/env")).resetConfigForTests();
  return {
    emu,
    dataDir,
    async close() {
      await (await import("../conferences/server/reconcile")).decisionsWritten();
      await (await import("../conferences/server/live")).liveSettled();
      await (await import("../db")).closeDb();
      await emu.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * startRouteWorld for a test file: started before its tests (call this before the
 * file's own beforeAll, which then sees it), closed after them, and console.log
 * silenced in each test (routes log every request). Read the world inside hooks and
 * tests, not when the file is loaded.
 */
export function routeWorldForFile(options: Parameters<typeof startRouteWorld>[0]): RouteWorld {
  let world: RouteWorld | undefined;
  beforeAll(async () => {
    world = await startRouteWorld(options);
  });
  afterAll(async () => {
    await world?.close();
  });
  beforeEach(() => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
  });
  const started = (): RouteWorld => {
    if (!world) throw new Error("routeWorldForFile: read the world inside a hook or a test, after it started");
    return world;
  };
  return {
    get emu() {
      return started().emu;
    },
    get dataDir() {
      return started().dataDir;
    },
    close: () => started().close(),
  };
}
