/**
 * Gavel's Sinch Calling API emulator: a standalone HTTP server that speaks the
 * Calling API v1 wire format (paths, status codes, error bodies, Basic and
 * Signed auth; see docs/sinch.md), simulates
 * living conferences, and offers a control API under /_emulator/ (control.ts).
 *
 * It is product, not test scaffolding: Gavel's sandbox mode runs it embedded
 * (with `scene: true`), `npm run emulator` runs it alone (cli.ts), and the tests
 * run it in-process on a random port.
 */
import { EmulatorServer } from "./server";
import { DEFAULT_SETTINGS, GLOBAL_REGION, type EmulatorSettings, type EmulatorState } from "./state";
import { REGION_PREFIX } from "./routes";
import type { FaultStore } from "./faults";
import type { RequestLog } from "./request-log";
import type { Scene } from "./scene";

export interface EmulatorOptions {
  /** 0 picks a free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1: the emulator accepts any request, so it stays off the network unless asked. */
  host?: string;
  applicationKey: string;
  applicationSecret: string;
  /** How long a callout rings before it is answered. Default 2000. */
  ringMs?: number;
  /** Allowed distance between x-timestamp and the emulator's clock. Default 15 minutes. */
  clockSkewMs?: number;
  /** How long a TTS callout speaks per character. Default 60. */
  speechMsPerChar?: number;
  /** Seed the sandbox scene (three live conferences with churn). Default false. */
  scene?: boolean;
  /** One line per Sinch request and per simulation event. Default: silent. */
  log?: (line: string) => void;
  /**
   * The simulation's clock: durations and call times are read from it, so a test
   * can move time on instead of sleeping. Timers (ringing, speech, maxDuration)
   * still run in real time, and x-timestamp checks use the real clock. Default Date.now.
   */
  now?: () => number;
}

export interface RunningEmulator {
  /** http://HOST:PORT, no trailing slash: the base URL to give a Sinch client (Sinch's global host). */
  url: string;
  /** The base URL standing for one of Sinch's regional hosts, e.g. http://HOST:PORT/region/euc1. */
  regionUrl(region: string): string;
  port: number;
  applicationKey: string;
  applicationSecret: string;
  /** In-process access to the simulation (rooms, calls, settings). */
  state: EmulatorState;
  faults: FaultStore;
  requests: RequestLog;
  scene: Scene;
  /** Same as POST /_emulator/reset. */
  reset(): void;
  close(): Promise<void>;
}

export { SPECIAL_NUMBERS, specialNumber, type SpecialNumberBehaviour } from "./special-numbers";
export {
  DEFAULT_SETTINGS,
  GLOBAL_REGION,
  type EmulatorSettings,
  type CallView,
  type RoomView,
  type ParticipantView,
} from "./state";
export { OPERATIONS, type Operation, type FaultSpec } from "./faults";
export type { LoggedRequest } from "./request-log";
export { SCENE_CONFERENCES } from "./scene";

/** The host part of a URL for a listening address: wildcard binds are reached on loopback. */
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  if (!opts.applicationKey || !opts.applicationSecret) {
    throw new Error("startEmulator needs an applicationKey and an applicationSecret");
  }
  const settings: EmulatorSettings = {
    ...DEFAULT_SETTINGS,
    ...(opts.ringMs !== undefined && { ringMs: opts.ringMs }),
    ...(opts.clockSkewMs !== undefined && { clockSkewMs: opts.clockSkewMs }),
    ...(opts.speechMsPerChar !== undefined && { speechMsPerChar: opts.speechMsPerChar }),
  };
  const host = opts.host ?? "127.0.0.1";
  const server = new EmulatorServer({
    applicationKey: opts.applicationKey,
    applicationSecret: opts.applicationSecret,
    settings,
    log: opts.log ?? (() => {}),
    now: opts.now,
  });
  const address = await server.listen(opts.port ?? 0, host);
  if (opts.scene) server.scene.start();

  let closed: Promise<void> | undefined;
  const url = `http://${urlHost(host)}:${address.port}`;
  return {
    url,
    regionUrl: (region) => (region === GLOBAL_REGION ? url : `${url}/${REGION_PREFIX}/${encodeURIComponent(region)}`),
    port: address.port,
    applicationKey: opts.applicationKey,
    applicationSecret: opts.applicationSecret,
    state: server.state,
    faults: server.faults,
    requests: server.requests,
    scene: server.scene,
    reset: () => server.reset(),
    // Idempotent: a test's afterAll and a signal handler may both close it.
    close: () => (closed ??= server.close()),
  };
}
