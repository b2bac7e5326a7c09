/**
 * The standalone tree (what the Docker image ships, README "Deploying") serves like
 * `npm start`: copied out of the repository (so nothing resolves from the repo's
 * node_modules), started with `node gavel.mjs standalone` against an emulated Sinch,
 * it answers /api/health and /api/ready, serves the sign-in page with its security
 * headers and static files, answers through Gavel's /api front door, and stops on
 * SIGTERM.
 *
 * It reuses the e2e run's build (<dist dir> .next-e2e-$E2E_PORT, default 3100; or
 * STANDALONE_DIST_DIR) and builds once itself when there is none. Ports:
 * STANDALONE_PORT (3340) and STANDALONE_EMULATOR_PORT (4340).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/lib/sinch/emulator";

const root = path.resolve(import.meta.dirname, "..");
const distDir = process.env.STANDALONE_DIST_DIR ?? `.next-e2e-${process.env.E2E_PORT ?? 3100}`;
const port = Number(process.env.STANDALONE_PORT ?? 3340);
const emulatorPort = Number(process.env.STANDALONE_EMULATOR_PORT ?? 4340);
const base = `http://127.0.0.1:${port}`;
const KEY = "standalone-check-key";
const SECRET = Buffer.from("standalone-check-secret").toString("base64");

let work: string;
let emulator: RunningEmulator;
let server: ChildProcess;
let output = "";
let exited: Promise<number | null>;

function step(args: string[]): void {
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    env: { ...process.env, GAVEL_NEXT_DIST_DIR: distDir },
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed (${result.status})`);
}

/** Settings for the server: the test's own, none inherited from the machine's Gavel. */
function serverEnv(dataDir: string): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([k]) => !/^(GAVEL_|SINCH_|NEXTAUTH_|OIDC_|DATABASE_URL|REDIS_URL|PORT$)/.test(k),
  );
  return {
    ...Object.fromEntries(inherited),
    PORT: String(port),
    GAVEL_NEXT_DIST_DIR: distDir,
    GAVEL_DATA_DIR: dataDir,
    NEXTAUTH_URL: base,
    NEXTAUTH_SECRET: "standalone-check-secret-of-at-least-32-chars",
    SINCH_APPLICATION_KEY: KEY,
    SINCH_APPLICATION_SECRET: SECRET,
    SINCH_BASE_URL: emulator.url,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
}

/** Asks until the server answers `url` with 200, or stops waiting when it exits. */
async function answered(url: string): Promise<Response> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`the server exited before ${url} answered:\n${output}`);
    const res = await fetch(url).catch(() => undefined);
    if (res?.ok) return res;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  if (!existsSync(path.join(root, distDir, "standalone", distDir, "BUILD_ID"))) {
    console.log(`No standalone build in ${distDir}: building it (next build, standalone output).`);
    step(["--import", "tsx", "scripts/build-isolated.ts"]);
  }
  step(["--import", "tsx", "scripts/build-standalone.ts"]);
  work = mkdtempSync(path.join(tmpdir(), "gavel-standalone-"));
  const tree = path.join(work, "app");
  cpSync(path.join(root, distDir, "standalone"), tree, { recursive: true });
  emulator = await startEmulator({ port: emulatorPort, applicationKey: KEY, applicationSecret: SECRET });
  server = spawn(process.execPath, ["gavel.mjs", "standalone"], {
    cwd: tree,
    env: serverEnv(path.join(work, "data")),
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  server.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  exited = new Promise((resolve) => server.on("exit", (code) => resolve(code)));
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGKILL");
    await exited;
  }
  await emulator?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the standalone tree", () => {
  it("holds the native SQLite binding and pg, loadable from the tree alone", () => {
    const tree = path.join(work, "app");
    const load = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        "const S = (await import('better-sqlite3')).default; new S(':memory:').close(); const pg = (await import('pg')).default; await new pg.Pool().end();",
      ],
      { cwd: tree, encoding: "utf8" },
    );
    expect(load.stderr).toBe("");
    expect(load.status).toBe(0);
  });

  it("is healthy and ready", async () => {
    expect(await (await answered(`${base}/api/health`)).json()).toMatchObject({ status: "ok" });
    expect(await (await answered(`${base}/api/ready`)).json()).toMatchObject({ status: "ready" });
  });

  it("serves the sign-in page with its security headers and its static files", async () => {
    const res = await answered(`${base}/login`);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("permissions-policy")).toMatch(/camera=\(\)/);
    const html = await res.text();
    const asset = html.match(/\/_next\/static\/[^"]+\.js/)?.[0];
    expect(asset).toBeDefined();
    expect((await fetch(`${base}${asset}`)).status).toBe(200);
    expect((await fetch(`${base}/favicon.svg`)).status).toBe(200);
  });

  it("answers through Gavel's /api front door", async () => {
    // Next would answer a malformed escape itself; the front door answers in the envelope.
    const res = await fetch(`${base}/api/%zz`);
    expect(res.status).toBe(400);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(await res.json()).toMatchObject({ error: { code: expect.any(String) } });
  });

  it("carries the users CLI, which creates the first admin in the tree's database", () => {
    const users = (...args: string[]) =>
      spawnSync(process.execPath, ["users.mjs", ...args], {
        cwd: path.join(work, "app"),
        env: serverEnv(path.join(work, "data")),
        encoding: "utf8",
      });
    const added = users("add", "--email", "first@example.com", "--role", "admin", "--generate");
    expect(added.stderr).toBe("");
    expect(added.status).toBe(0);
    expect(users("list").stdout).toMatch(/^first@example\.com .* admin /m);
  });

  it("stops on SIGTERM", async () => {
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
