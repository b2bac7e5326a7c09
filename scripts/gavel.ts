/**
 * Gavel's launcher: `npm run dev` and `npm start` come through here.
 *
 * With Sinch credentials configured it simply runs Next. Without them Gavel is in
 * sandbox mode: the launcher starts the embedded Sinch emulator (with its living
 * scene), generates credentials for it, seeds the demo users and conferences into the
 * sandbox's own database (<data dir>/sandbox.db unless DATABASE_URL names one), and
 * points Next's server at the emulator. Either way it first checks the database suits
 * the mode (lib/sandbox/guard.ts): a real start refuses while demo accounts are in
 * its database. The emulator runs in this process so that
 * it lives and dies with the console.
 *
 * `standalone` is `start` from the self-contained tree scripts/build-standalone.ts
 * makes (<dist dir>/standalone, the Docker image's /app): this launcher and the
 * server script are bundled there as gavel.mjs and gavel-serve.mjs, nothing is
 * built, and Next runs from the tree's traced node_modules.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";
import { ConfigError, parseEnv, type GavelConfig } from "../lib/config/env";

type Mode = "dev" | "start" | "standalone";

const arg = process.argv[2];
if (arg !== "dev" && arg !== "start" && arg !== "standalone") {
  console.error("usage: tsx scripts/gavel.ts dev|start  (or, in the standalone tree: node gavel.mjs standalone)");
  process.exit(2);
}
const mode: Mode = arg;

nextEnv.loadEnvConfig(process.cwd(), mode === "dev");

let cfg: GavelConfig;
try {
  cfg = parseEnv(process.env);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

function run(args: string[], env: NodeJS.ProcessEnv, prefix = [nextBin]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...prefix, ...args], { stdio: "inherit", env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Runs the web server (Next behind the front door) until it exits. */
function serve(how: Mode, keepAliveTimeoutMs: number, env: NodeJS.ProcessEnv): Promise<number> {
  // In the standalone tree the server script is bundled beside this one, and runs without tsx.
  const script =
    how === "standalone"
      ? [path.join(process.cwd(), "gavel-serve.mjs")]
      : ["--import", "tsx", path.join(process.cwd(), "scripts", "serve.ts")];
  const args = [...script, how, String(cfg.PORT), String(keepAliveTimeoutMs)];
  return run(args, { ...env, NODE_ENV: how === "dev" ? "development" : "production" }, []);
}

/** In sandbox mode a session secret is generated once and kept under the data dir. */
function sandboxNextAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

/** Runs a database step; a database that does not suit the mode stops the start with its message. */
async function refuseOnMismatch(step: () => Promise<void>, closeEmulator: () => Promise<void>): Promise<void> {
  const { DatabaseModeError } = await import("../lib/sandbox/guard");
  try {
    await step();
  } catch (e) {
    if (!(e instanceof DatabaseModeError)) throw e;
    console.error(`\n${e.message}\n`);
    await closeEmulator();
    process.exit(1);
  }
}

async function main(): Promise<void> {
  // The database and the sandbox's secrets live here: Gavel's user only.
  mkdirSync(cfg.dataDir, { recursive: true, mode: 0o700 });
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(cfg.PORT) };
  let closeEmulator: () => Promise<void> = async () => {};

  if (cfg.sandbox) {
    const { startEmulator, SCENE_CONFERENCES } = await import("../lib/sinch/emulator/index");
    const applicationKey = `sandbox-${randomBytes(8).toString("hex")}`;
    const applicationSecret = randomBytes(16).toString("base64");
    let emulator;
    try {
      emulator = await startEmulator({
        port: cfg.GAVEL_EMULATOR_PORT,
        applicationKey,
        applicationSecret,
        ringMs: cfg.GAVEL_EMULATOR_RING_MS,
        scene: cfg.GAVEL_EMULATOR_SCENE,
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE") {
        console.error(
          `GAVEL_EMULATOR_PORT ${cfg.GAVEL_EMULATOR_PORT} is already in use: stop what holds it, or set GAVEL_EMULATOR_PORT to a free port (0 picks one).`,
        );
        process.exit(1);
      }
      throw e;
    }
    closeEmulator = () => emulator.close();
    // For the e2e secrets scan (e2e/secrets.spec.ts): the sandbox's generated Sinch
    // credentials, readable by Gavel's user only, beside the sandbox's session secret.
    writeFileSync(
      path.join(cfg.dataDir, "sandbox-credentials.json"),
      JSON.stringify({ applicationKey, applicationSecret }) + "\n",
      { mode: 0o600 },
    );
    Object.assign(env, {
      GAVEL_SANDBOX: "1",
      SINCH_APPLICATION_KEY: applicationKey,
      SINCH_APPLICATION_SECRET: applicationSecret,
      SINCH_BASE_URL: emulator.url,
      SINCH_AUTH: "signed",
      NEXTAUTH_SECRET: cfg.NEXTAUTH_SECRET ?? sandboxNextAuthSecret(cfg.dataDir),
      NEXTAUTH_URL: cfg.NEXTAUTH_URL ?? `http://localhost:${cfg.PORT}`,
    });
    const { prepareSandbox } = await import("../lib/sandbox/prepare");
    await refuseOnMismatch(
      () => prepareSandbox(parseEnv(env), cfg.GAVEL_EMULATOR_SCENE ? SCENE_CONFERENCES : []),
      closeEmulator,
    );
    console.log(
      [
        "",
        "  Gavel is in SANDBOX mode: no Sinch credentials are configured, so it talks to",
        `  its embedded Sinch emulator at ${emulator.url} (scene ${cfg.GAVEL_EMULATOR_SCENE ? "on" : "off"}).`,
        `  Open http://localhost:${cfg.PORT} and sign in with a demo account shown on the sign-in page.`,
        "",
      ].join("\n"),
    );
  } else {
    const { prepareDatabase } = await import("../lib/sandbox/prepare");
    await refuseOnMismatch(() => prepareDatabase(cfg), closeEmulator);
  }

  if (mode === "start" && !existsSync(path.join(process.cwd(), cfg.GAVEL_NEXT_DIST_DIR, "BUILD_ID"))) {
    console.log("No production build found: running `next build` first.");
    const built = await run(["build"], env);
    if (built !== 0) {
      await closeEmulator();
      process.exit(built);
    }
  }

  // Next runs behind Gavel's /api front door (scripts/serve.ts), with a keep-alive
  // timeout longer than clients' and proxies' own (commonly 60 s).
  const code = await serve(mode, 65_000, env);
  await closeEmulator();
  process.exit(code);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
