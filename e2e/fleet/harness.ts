/**
 * The fleet under test: one PostgreSQL database of its own (on the cluster
 * TEST_DATABASE_URL names, created here and dropped at the end), Redis, one Sinch
 * emulator (in this process), nginx in front, and three Gavel instances started from
 * the e2e build exactly as `npm start` runs the web server (scripts/serve.ts), each in
 * its own process so one can be killed like a crashed machine.
 *
 * Instances run against Sinch's API as a real deployment does (credentials set, not
 * sandbox mode), each through its own nginx tap (nginx.ts) so the tests can tell who
 * asked Sinch what. `restart({ redis })` starts all three again with or without
 * REDIS_URL; `kill(i)` SIGKILLs one. `stop()` ends everything and drops the database.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type GavelDb } from "../../lib/db";
import { createUser } from "../../lib/db/users";
import { startEmulator, type RunningEmulator } from "../../lib/sinch/emulator";
import { ControlClient } from "../../lib/sinch/emulator/testing/http";
import { nginxConfig, readAccessLog, type AccessEntry, type FleetPorts } from "./nginx";
import { killChild, portOpen, startChild, stopChild, waitReady, type Child } from "./processes";
import { FLEET_ENV, FLEET_PASSWORD, FLEET_USERS, fleetDistDir } from "./settings";

const base = Number(process.env.FLEET_PORT ?? 3330);
export const PORTS: FleetPorts & { redis: number } = {
  front: base,
  instances: [base + 1, base + 2, base + 3],
  taps: [base + 4, base + 5, base + 6],
  emulator: Number(process.env.FLEET_EMULATOR_PORT ?? 4330),
  redis: Number(process.env.FLEET_REDIS_PORT ?? 6392),
};
export const FRONT_URL = `http://localhost:${PORTS.front}`;
/** Debian installs nginx in /usr/sbin, which a non-root PATH may not hold. */
const NGINX = process.env.NGINX_BIN ?? (existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx");

/** One Sinch request as the taps saw it, with the instance (0, 1, 2) that sent it. */
export interface SinchEntry extends AccessEntry {
  instance: number;
}

/** Answers Redis's PING with +PONG. */
function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(1000, () => socket.destroy());
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (d) => {
      socket.destroy();
      resolve(d.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("close", () => resolve(false));
  });
}

async function answers(url: string): Promise<boolean> {
  const res = await fetch(url, { redirect: "manual" });
  await res.body?.cancel();
  return res.status < 500;
}

export class Fleet {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), "gavel-fleet-"));
  readonly emulatorControl = new ControlClient(`http://127.0.0.1:${PORTS.emulator}`);
  readonly instances: (Child | null)[] = [null, null, null];
  /** Whether the instances now running were given REDIS_URL. */
  redis = false;
  db!: GavelDb;
  private emulator!: RunningEmulator;
  private nginx: Child | null = null;
  private redisServer: Child | null = null;
  private databaseUrl = "";
  private adminUrl = "";
  private databaseName = "";
  private readonly sinchKey = `fleet-${randomBytes(6).toString("hex")}`;
  private readonly sinchSecret = randomBytes(16).toString("base64");
  private readonly sessionSecret = randomBytes(32).toString("base64");

  /** Starts everything; the instances without Redis first (`restart` switches). */
  async start(): Promise<void> {
    const dist = fleetDistDir();
    if (!existsSync(path.join(dist, "BUILD_ID"))) {
      throw new Error(`no build in ${dist}: the fleet's global setup builds it (playwright.fleet.config.ts)`);
    }
    await this.createDatabase();
    this.emulator = await startEmulator({
      port: PORTS.emulator,
      host: "127.0.0.1",
      applicationKey: this.sinchKey,
      applicationSecret: this.sinchSecret,
      ringMs: 1000,
    });
    this.redisServer = startChild(
      "redis-server",
      "redis-server",
      ["--port", String(PORTS.redis), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.dir],
      { logFile: path.join(this.dir, "redis.log") },
    );
    await waitReady(this.redisServer, () => redisPing(PORTS.redis), 15_000);
    mkdirSync(path.join(this.dir, "nginx-tmp"), { recursive: true });
    const conf = path.join(this.dir, "nginx.conf");
    writeFileSync(conf, nginxConfig(this.dir, PORTS));
    this.nginx = startChild(
      "nginx",
      NGINX,
      ["-c", conf, "-p", this.dir, "-e", path.join(this.dir, "nginx-error.log")],
      {
        logFile: path.join(this.dir, "nginx.out"),
      },
    );
    await waitReady(this.nginx, () => portOpen(PORTS.front), 15_000);
    await this.restart({ redis: false });
  }

  private async createDatabase(): Promise<void> {
    this.adminUrl = process.env.TEST_DATABASE_URL?.trim() ?? "";
    if (this.adminUrl === "") {
      throw new Error(
        'The fleet test needs PostgreSQL: export TEST_DATABASE_URL="$(bash .ci/start-postgres.sh)" and run it again.',
      );
    }
    this.databaseName = `gavel_fleet_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: this.adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${this.databaseName}`);
    } finally {
      await admin.end();
    }
    const url = new URL(this.adminUrl);
    url.pathname = `/${this.databaseName}`;
    this.databaseUrl = url.toString();
    // Migrated once here, before any instance starts, as a deployment's release step would.
    this.db = await createDb({ url: this.databaseUrl });
    for (const u of FLEET_USERS) {
      await createUser(this.db, { email: u.email, name: u.name, role: u.role, password: FLEET_PASSWORD });
    }
  }

  private instanceEnv(i: number, redis: boolean): NodeJS.ProcessEnv {
    const dataDir = path.join(this.dir, `instance-${i}`);
    mkdirSync(dataDir, { recursive: true });
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) => !/^(GAVEL_|SINCH_|NEXTAUTH_|DATABASE_URL|REDIS_URL|E2E_|PORT$)/.test(k),
      ),
    );
    return {
      ...inherited,
      ...FLEET_ENV,
      NODE_ENV: "production",
      PORT: String(PORTS.instances[i]),
      GAVEL_NEXT_DIST_DIR: fleetDistDir(),
      GAVEL_DATA_DIR: dataDir,
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: redis ? `redis://127.0.0.1:${PORTS.redis}` : "",
      SINCH_APPLICATION_KEY: this.sinchKey,
      SINCH_APPLICATION_SECRET: this.sinchSecret,
      SINCH_BASE_URL: `http://127.0.0.1:${PORTS.taps[i]}`,
      SINCH_AUTH: "signed",
      NEXTAUTH_SECRET: this.sessionSecret,
      NEXTAUTH_URL: FRONT_URL,
    };
  }

  /** Starts instance i (stopped or killed before) and waits until it serves pages. */
  async startInstance(i: number): Promise<void> {
    if (this.instances[i]) throw new Error(`instance ${i} is running`);
    const port = PORTS.instances[i]!;
    const child = startChild(
      `gavel-${i}`,
      process.execPath,
      ["--import", "tsx", "scripts/serve.ts", "start", String(port), "65000"],
      { env: this.instanceEnv(i, this.redis), cwd: process.cwd(), logFile: path.join(this.dir, `instance-${i}.log`) },
    );
    this.instances[i] = child;
    await waitReady(child, () => answers(`http://127.0.0.1:${port}/login`), 120_000);
  }

  /** Stops every instance and starts all three again, with or without REDIS_URL. */
  async restart({ redis }: { redis: boolean }): Promise<void> {
    await Promise.all(this.instances.map((c) => (c ? stopChild(c) : Promise.resolve())));
    this.instances.fill(null);
    this.redis = redis;
    for (let i = 0; i < this.instances.length; i++) await this.startInstance(i);
  }

  /** SIGKILLs instance i, as a machine that dies: no clean shutdown, its leases left held. */
  async kill(i: number): Promise<void> {
    const child = this.instances[i];
    if (!child) throw new Error(`instance ${i} is not running`);
    await killChild(child);
    this.instances[i] = null;
  }

  /** The front door's access log: which instance answered what. */
  frontLog(): AccessEntry[] {
    return readAccessLog(this.dir, "front-access.log");
  }

  /** Every Sinch request the instances sent, with the instance that sent it. */
  sinchLog(): SinchEntry[] {
    return readAccessLog(this.dir, "sinch-access.log").map((e) => ({ ...e, instance: PORTS.taps.indexOf(e.port) }));
  }

  /** Which instance (0, 1, 2) an upstream address names, or -1. */
  instanceOf(upstream: string): number {
    return PORTS.instances.findIndex((p) => upstream.trim().endsWith(`:${p}`));
  }

  async stop(): Promise<void> {
    const errors: unknown[] = [];
    const attempt = async (step: () => Promise<unknown>) => {
      try {
        await step();
      } catch (e) {
        errors.push(e);
      }
    };
    await Promise.all(this.instances.map((c) => (c ? attempt(() => stopChild(c)) : Promise.resolve())));
    this.instances.fill(null);
    if (this.nginx) await attempt(() => stopChild(this.nginx!));
    if (this.redisServer) await attempt(() => stopChild(this.redisServer!));
    if (this.emulator) await attempt(() => this.emulator.close());
    if (this.db) await attempt(() => this.db.close());
    if (this.databaseName !== "") {
      await attempt(async () => {
        const admin = new pg.Client({ connectionString: this.adminUrl });
        await admin.connect();
        try {
          await admin.query(`DROP DATABASE IF EXISTS ${this.databaseName} WITH (FORCE)`);
        } finally {
          await admin.end();
        }
      });
    }
    // The logs stay when asked (FLEET_KEEP_LOGS=1), to read after a failure.
    if (process.env.FLEET_KEEP_LOGS !== "1") rmSync(this.dir, { recursive: true, force: true });
    else console.log(`fleet logs kept in ${this.dir}`);
    if (errors.length > 0) throw new AggregateError(errors, "the fleet did not stop cleanly");
  }
}
