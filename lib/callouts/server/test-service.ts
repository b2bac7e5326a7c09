/**
 * The callouts server modules under test, against the real emulator over HTTP and a
 * real SQLite file, shared by place.test.ts and follow.test.ts. (Test code: sets
 * process.env before loading the modules that read config, so they are loaded here
 * in beforeAll and reached through `service`.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startEmulator, type RunningEmulator } from "../../sinch/emulator";
import { sleep } from "../../util/sleep";

type Service = typeof import("./place") &
  typeof import("./follow") &
  typeof import("./inputs") &
  typeof import("./store");

export let emulator: RunningEmulator;
export let service: Service;
let dataDir: string;
let closeDb: () => Promise<void>;
let liveSettled: () => Promise<void>;

export const support = {
  actor: { id: "u-support", email: "support@gavel.test", role: "support" as const },
  requestId: "req-1",
  clientAddress: "127.0.0.1",
};
export const admin = {
  actor: { id: "u-admin", email: "admin@gavel.test", role: "admin" as const },
  requestId: "req-2",
  clientAddress: "127.0.0.1",
};

let seq = 0;
export const conf = (prefix: string) => `${prefix}-${process.pid}-${seq++}`;

export function calloutsTo(conferenceId: string) {
  return emulator.requests
    .since(0)
    .filter(
      (r) =>
        r.operation === "placeCallout" &&
        (r.body as { conferenceCallout?: { conferenceId?: string } }).conferenceCallout?.conferenceId === conferenceId,
    );
}

/** Reads callouts (which refreshes them) until `done` or the deadline. */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await sleep(250);
  }
}

/** Starts the emulator and a fresh data directory for the calling test file. */
export function startCalloutService(): void {
  beforeAll(async () => {
    emulator = await startEmulator({ applicationKey: "test-key", applicationSecret: "dGVzdC1zZWNyZXQ=", ringMs: 200 });
    dataDir = mkdtempSync(path.join(os.tmpdir(), "gavel-callouts-"));
    Object.assign(process.env, {
      SINCH_APPLICATION_KEY: emulator.applicationKey,
      SINCH_APPLICATION_SECRET: emulator.applicationSecret,
      SINCH_BASE_URL: emulator.url,
      GAVEL_DATA_DIR: dataDir,
      DATABASE_URL: "",
      GAVEL_DEFAULT_COUNTRY: "US",
      GAVEL_CALLER_IDS: "+12025550100",
      GAVEL_BULK_CONCURRENCY: "3",
    });
    (await import("../../config/env")).resetConfigForTests();
    service = {
      ...(await import("./place")),
      ...(await import("./follow")),
      ...(await import("./inputs")),
      ...(await import("./store")),
    };
    closeDb = (await import("../../db")).closeDb;
    liveSettled = (await import("../../conferences/server/live")).liveSettled;
  });

  afterAll(async () => {
    // A poll's bookkeeping runs after its viewers have their answer: let it finish
    // before the database closes under it.
    await liveSettled?.();
    await closeDb?.();
    await emulator?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
}
