/**
 * A throwaway redis-server for tests (the shared poll window, lib/fleet/server): started
 * on its own port with no persistence, stopped after the suite. When the binary is
 * missing the suites are skipped with a warning; under CI=true that fails instead
 * (.ci/run installs it), so CI cannot quietly skip them. Test code: reads process.env.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createConnection } from "node:net";
import { waitFor } from "../sinch/emulator/testing/http";

export const REDIS_SERVER = "/usr/bin/redis-server";
export const REDIS_TEST_PORT = 6391;

const inCi = /^(1|true|yes)$/i.test(process.env.CI?.trim() ?? "");

/** True when the Redis tests cannot run here (they are skipped, with a warning). */
export const redisMissing = !existsSync(REDIS_SERVER);
if (redisMissing) {
  if (inCi)
    throw new Error(
      `${REDIS_SERVER} is missing but CI is set: the Redis tests must run in CI (apt-get install redis-server).`,
    );
  console.warn(
    `\n⚠️  ${REDIS_SERVER} is missing: the Redis (shared poll window) tests are SKIPPED.\n    Install it with: apt-get install redis-server\n`,
  );
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.write("PING\r\n");
    });
    socket.once("data", (d) => {
      socket.destroy();
      resolve(d.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
  });
}

/** Starts redis-server on `port`; resolves once it answers PING. */
export async function startRedis(port = REDIS_TEST_PORT): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(REDIS_SERVER, ["--port", String(port), "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitFor(async () => ((await answers(port)) ? true : undefined), {
    timeoutMs: 10_000,
    what: `redis-server on port ${port}`,
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
