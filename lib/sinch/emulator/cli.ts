/**
 * Runs the Sinch emulator on its own:
 *
 *   npm run emulator -- --port 4010 --key KEY --secret SECRET [--ring-ms 2000] [--scene] [--host 127.0.0.1]
 *
 * Without --key and --secret it makes up a pair (the secret is base64 of 16
 * random bytes, the shape Sinch's dashboard shows) and prints them, with the
 * environment variables that point Gavel at it.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { SPECIAL_NUMBERS, startEmulator } from "./index";

const USAGE = `Usage: npm run emulator -- [--port 4010] [--host 127.0.0.1] [--key KEY --secret SECRET]
                            [--ring-ms 2000] [--clock-skew-ms 900000] [--scene] [--quiet]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function intOption(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    fail(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        key: { type: "string" },
        secret: { type: "string" },
        "ring-ms": { type: "string" },
        "clock-skew-ms": { type: "string" },
        scene: { type: "boolean" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if ((values.key === undefined) !== (values.secret === undefined)) fail("Give both --key and --secret, or neither.");
  if (values.secret !== undefined && !/^[A-Za-z0-9+/]+={0,2}$/.test(values.secret)) {
    fail("--secret must be base64, as Sinch's dashboard shows it (Signed auth decodes it as the HMAC key).");
  }
  const generated = values.key === undefined;
  const applicationKey = values.key ?? randomUUID().toUpperCase();
  const applicationSecret = values.secret ?? randomBytes(16).toString("base64");

  const emulator = await startEmulator({
    port: intOption("port", values.port, 4010, 0, 65535),
    host: values.host ?? "127.0.0.1",
    applicationKey,
    applicationSecret,
    ringMs: intOption("ring-ms", values["ring-ms"], 2000, 0, 3_600_000),
    clockSkewMs: intOption("clock-skew-ms", values["clock-skew-ms"], 15 * 60 * 1000, 0, 365 * 24 * 3_600_000),
    scene: values.scene ?? false,
    log: values.quiet ? undefined : (line) => console.log(`${new Date().toISOString()} ${line}`),
  });

  console.log(`Sinch Calling API emulator listening on ${emulator.url}`);
  console.log(`  application key:    ${applicationKey}${generated ? "  (generated)" : ""}`);
  console.log(`  application secret: ${applicationSecret}${generated ? "  (generated)" : ""}`);
  console.log(`  control API:        ${emulator.url}/_emulator/health`);
  console.log(`  regional hosts:     ${emulator.regionUrl("euc1")} (and every other region; rooms are regional)`);
  console.log(
    `  special numbers:    ${Object.entries(SPECIAL_NUMBERS)
      .map(([n, b]) => `${n} ${b.outcome}`)
      .join(", ")}`,
  );
  console.log("Point Gavel at it with:");
  console.log(
    `  SINCH_BASE_URL=${emulator.url} SINCH_APPLICATION_KEY=${applicationKey} SINCH_APPLICATION_SECRET=${applicationSecret}`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing the emulator`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
