/**
 * Finding 1 of issue 11, end to end: a Gavel with Sinch credentials whose database
 * holds the sandbox's demo accounts (published passwords) refuses to run, through the
 * launcher (`npm start`) and through `next start` run directly (instrumentation.ts),
 * naming the command that removes them; after that command it serves.
 *
 * Runs its own servers from the e2e build (.next-e2e-<port>) on a data dir of its own;
 * nothing here talks to Sinch, so the credentials point at a closed port.
 */
import { spawn, execFile } from "node:child_process";
import { rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { test, expect } from "@playwright/test";
import { createDb } from "../lib/db";
import { createUser, listUsers } from "../lib/db/users";
import { DEMO_USERS } from "../lib/sandbox/demo-users";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const DIST_DIR = `.next-e2e-${E2E_PORT}`;
const DATA_DIR = `data/e2e-demo-guard-${E2E_PORT}`;
const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function envFor(port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXTAUTH_SECRET: "demo-guard-secret-demo-guard-secret-0123",
    GAVEL_DATA_DIR: DATA_DIR,
    GAVEL_NEXT_DIST_DIR: DIST_DIR,
    DATABASE_URL: "",
    SINCH_APPLICATION_KEY: "demo-guard-key",
    SINCH_APPLICATION_SECRET: "ZGVtby1ndWFyZA==",
    SINCH_BASE_URL: "http://127.0.0.1:9",
    NODE_ENV: "production",
  };
}

interface Exit {
  code: number | null;
  output: string;
}

/** Runs a server command until it exits, or until it serves /login (then it is stopped). */
function runServer(command: string, args: string[], port: number): Promise<Exit | "served"> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: envFor(port), stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout.on("data", (b: Buffer) => (output += b.toString()));
    child.stderr.on("data", (b: Buffer) => (output += b.toString()));
    child.on("error", reject);
    let served = false;
    child.on("exit", (code) => resolve(served ? "served" : { code, output }));
    const poll = setInterval(() => {
      fetch(`http://localhost:${port}/login`)
        .then((res) => {
          if (res.status !== 200 || served) return;
          served = true;
          clearInterval(poll);
          if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
        })
        .catch(() => undefined);
    }, 250);
    child.on("exit", () => clearInterval(poll));
  });
}

test.describe("demo accounts in a real database", () => {
  test.describe.configure({ timeout: 240_000 });

  test.beforeAll(async () => {
    rmSync(DATA_DIR, { recursive: true, force: true });
    // What an earlier sandbox start used to leave in gavel.db.
    const database = await createDb({ dataDir: DATA_DIR });
    try {
      for (const demo of DEMO_USERS) await createUser(database, demo);
    } finally {
      await database.close();
    }
  });

  test.afterAll(() => rmSync(DATA_DIR, { recursive: true, force: true }));

  test("refuse to run, through the launcher and through next start, until `users remove-demo`", async () => {
    const port = await freePort();
    const refusal =
      /holds the sandbox's demo accounts .*admin@gavel\.test[\s\S]*Remove them with: npm run users -- remove-demo/;

    const launcher = await runServer("npm", ["start"], port);
    expect(launcher).toMatchObject({ code: 1, output: expect.stringMatching(refusal) });

    const direct = await runServer(process.execPath, [nextBin, "start", "-p", String(port)], port);
    expect(direct).toMatchObject({ code: 1, output: expect.stringMatching(refusal) });

    const removed = await promisify(execFile)(tsx, ["scripts/users.ts", "remove-demo"], { env: envFor(port) });
    expect(removed.stdout).toMatch(/^Removed the demo accounts /m);
    const database = await createDb({ dataDir: DATA_DIR });
    try {
      expect(await listUsers(database)).toEqual([]);
    } finally {
      await database.close();
    }

    expect(await runServer(process.execPath, [nextBin, "start", "-p", String(port)], port)).toBe("served");
  });
});
