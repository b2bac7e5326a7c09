/**
 * What the HTTP benchmarks run against: the emulator (in this process, so its request
 * log, rooms and faults are at hand), Gavel's production build started through the
 * launcher exactly as `npm start` does (real mode, credentials pointing at that
 * emulator, per-user API rate limits off), the people who use it, and a direct signed
 * client for the emulator (the "direct" baseline). Builds into its own dist dir once.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pidListeningOn, rssMiB, signInAt, timedAt, type Session } from "../../e2e/http-session";
import { ControlClient } from "../../lib/sinch/emulator/testing/http";
import { signRequest } from "../../lib/sinch/signing";

const ROOT = process.cwd();

/** The emulator, in a process of its own (as Sinch is elsewhere), driven through its control API. */
export interface Emulator {
  url: string;
  port: number;
  applicationKey: string;
  applicationSecret: string;
  control: ControlClient;
  close(): Promise<void>;
}

/** Starts `npm run emulator` on `port`, quiet, with these credentials. */
export async function startEmulatorProcess(
  port: number,
  applicationKey: string,
  applicationSecret: string,
): Promise<Emulator> {
  const child = spawnGroup(
    [
      "--import",
      "tsx",
      "lib/sinch/emulator/cli.ts",
      "--port",
      String(port),
      "--key",
      applicationKey,
      "--secret",
      applicationSecret,
      "--quiet",
    ],
    process.env,
    "emulator",
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/_emulator/health`, 60_000, 200);
  return {
    url,
    port,
    applicationKey,
    applicationSecret,
    control: new ControlClient(url),
    close: () => stopGroup(child),
  };
}

export interface Stack {
  base: string;
  port: number;
  emu: Emulator;
  env: NodeJS.ProcessEnv;
  /** Launch → /login answering 200, in ms (the `npm start` row). */
  startMs: number;
  /** The Next server's RSS once the sign-in page answered, MiB. */
  startRssMiB: number;
  server: ChildProcess;
  admin: Session;
  viewers: Session[];
  moderators: Session[];
  stop(): Promise<void>;
}

/**
 * `next build` of Gavel into DIST_DIR, unless a build is there already (`--rebuild`
 * forces one); `nextArgs` go to `next build` (the page census's --profile).
 */
export function buildGavel(
  distDir: string,
  force: boolean,
  env: Record<string, string> = {},
  nextArgs: string[] = [],
): void {
  if (!force && existsSync(path.join(ROOT, distDir, "BUILD_ID"))) return;
  console.log(`Building Gavel into ${distDir} (once; --rebuild builds again) …`);
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/build-isolated.ts", ...nextArgs], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      GAVEL_NEXT_DIST_DIR: distDir,
      SINCH_APPLICATION_KEY: "",
      SINCH_APPLICATION_SECRET: "",
      DATABASE_URL: "",
      ...env,
    },
  });
  if (r.status !== 0) throw new Error("next build failed");
}

/** Polls `url` until it answers (any status, or exactly `status`); returns when it did. */
export async function waitFor(url: string, timeoutMs: number, status?: number, server?: ChildProcess): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (server && server.exitCode !== null) throw new Error(`the server for ${url} exited (${server.exitCode})`);
    const got = await fetch(url, { redirect: "manual" }).then(
      (r) => r.status,
      () => 0,
    );
    if (got !== 0 && (status === undefined || got === status)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Spawns a command in its own process group, so stopping it stops its children too. */
export function spawnGroup(args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const keep = (b: Buffer) => lines.push(b.toString()) > 200 && lines.shift();
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.on("exit", (code) => {
    if (code && code !== 0 && code !== 143) console.error(`${log} exited ${code}:\n${lines.join("")}`);
  });
  return child;
}

/** Stops a process group started by spawnGroup and waits for its leader to exit. */
export async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // gone already
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

/** Gavel's environment for the bench: real mode against `emu`, rate limits off. */
export function gavelEnv(port: number, emu: Emulator, dataDir: string, distDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    GAVEL_DATA_DIR: dataDir,
    GAVEL_NEXT_DIST_DIR: distDir,
    DATABASE_URL: "",
    SINCH_APPLICATION_KEY: emu.applicationKey,
    SINCH_APPLICATION_SECRET: emu.applicationSecret,
    SINCH_BASE_URL: emu.url,
    SINCH_AUTH: "signed",
    // The bench's crowd is a handful of people doing the work of hundreds: per-user limits off (0).
    GAVEL_RATE_LIMIT_READS_PER_MINUTE: "0",
    GAVEL_RATE_LIMIT_COMMANDS_PER_MINUTE: "0",
    GAVEL_RATE_LIMIT_CALLOUT_REQUESTS_PER_MINUTE: "0",
    GAVEL_CALLOUT_BUDGET_PER_MINUTE: "0",
    GAVEL_POLL_INTERVAL_MS: "2000",
  };
}

export interface StackOptions {
  port: number;
  emulatorPort: number;
  distDir: string;
  viewerPeople: number;
  moderators: number;
  /**
   * Node flags for the web server (e.g. --cpu-prof, which NODE_OPTIONS refuses): the
   * server (scripts/serve.ts) is then started directly with the environment the
   * launcher would give it, not through the launcher.
   */
  serverNodeArgs?: string[];
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const key = "6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D";
  const secret = randomBytes(24).toString("base64");
  const emu = await startEmulatorProcess(opts.emulatorPort, key, secret);
  let server: ChildProcess | null = null;
  try {
    const dataDir = path.join(ROOT, "data", `bench-${opts.port}`);
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const env = gavelEnv(opts.port, emu, dataDir, opts.distDir);
    const base = `http://localhost:${opts.port}`;

    const adminEmail = "bench-admin@gavel.test";
    const adminPassword = `bench-${randomBytes(9).toString("hex")}`;
    const added = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/users.ts",
        "add",
        "--email",
        adminEmail,
        "--role",
        "admin",
        "--password",
        adminPassword,
      ],
      { cwd: ROOT, env, encoding: "utf8" },
    );
    if (added.status !== 0) throw new Error(`adding the bench admin failed: ${added.stderr}`);

    const t0 = performance.now();
    server = opts.serverNodeArgs
      ? spawnGroup(
          [...opts.serverNodeArgs, "--import", "tsx", "scripts/serve.ts", "start", String(opts.port), "65000"],
          { ...env, NODE_ENV: "production" },
          "Gavel (serve.ts)",
        )
      : spawnGroup(["--import", "tsx", "scripts/gavel.ts", "start"], env, "Gavel");
    await waitFor(`${base}/login`, 120_000, 200, server);
    const startMs = performance.now() - t0;
    const startRssMiB = rssMiB(pidListeningOn(opts.port));

    const admin = await signInAt(base, adminEmail, adminPassword);
    const person = async (role: "support" | "moderator", n: number) => {
      const email = `bench-${role}-${n}@gavel.test`;
      const password = `bench-${randomBytes(9).toString("hex")}`;
      const res = await timedAt(base, admin, "POST", "/api/users", {
        email,
        name: `Bench ${role} ${n}`,
        role,
        password,
      });
      if (res.status !== 200) throw new Error(`creating ${email} answered ${res.status}: ${res.body}`);
      return signInAt(base, email, password);
    };
    const viewers: Session[] = [];
    for (let i = 0; i < opts.viewerPeople; i++) viewers.push(await person("support", i));
    const moderators: Session[] = [];
    for (let i = 0; i < opts.moderators; i++) moderators.push(await person("moderator", i));
    const running = server;
    return {
      base,
      port: opts.port,
      emu,
      env,
      startMs,
      startRssMiB,
      server: running,
      admin,
      viewers,
      moderators,
      async stop() {
        await stopGroup(running);
        await emu.close();
      },
    };
  } catch (e) {
    // Nothing started here outlives a failed start.
    if (server) await stopGroup(server);
    await emu.close();
    throw e;
  }
}

/** One signed request straight to the emulator (the "direct" baseline), with the same client (fetch) as Gavel's requests. */
export async function direct(
  emu: Emulator,
  method: string,
  p: string,
  body?: unknown,
): Promise<{ status: number; ms: number }> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {
    ...signRequest({
      key: emu.applicationKey,
      secret: emu.applicationSecret,
      method,
      path: p,
      body: text,
      contentType: text ? "application/json" : undefined,
    }),
    ...(text ? { "content-type": "application/json" } : {}),
  };
  const t = performance.now();
  try {
    const res = await fetch(`${emu.url}${p}`, { method, headers, body: text });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - t };
  } catch {
    return { status: 0, ms: performance.now() - t };
  }
}

export const sinchConferencePath = (id: string) => `/calling/v1/conferences/id/${encodeURIComponent(id)}`;
export const gavelParticipantsPath = (id: string) => `/api/conferences/${encodeURIComponent(id)}/participants`;
