/**
 * The fleet test's fixed choices: the build it runs, the settings every instance gets,
 * and the accounts it signs in with. Shared by the harness, the global setup (which
 * builds when there is no build to reuse) and the specs.
 */
import type { Role } from "../../lib/auth/permissions";
import { E2E_METRICS_TOKEN } from "../metrics-token";

/**
 * The e2e run's build (.next-e2e-<E2E_PORT>, E2E_PORT defaulting to 3100 as in
 * playwright.config.ts): `npm test` runs the fleet after test:e2e, so it reuses that
 * build rather than paying for another. FLEET_DIST_DIR names another.
 */
export function fleetDistDir(): string {
  return process.env.FLEET_DIST_DIR ?? `.next-e2e-${process.env.E2E_PORT ?? 3100}`;
}

/** The poll window: short, so the Redis comparison sees many windows in a few seconds. */
export const POLL_WINDOW_MS = 1000;

/**
 * Commands per user per minute: each instance's bucket holds 2 (a sixth) and refills
 * one every 5 s, so in the shared-limit test's 20 s three instances limiting on their
 * own would let 18 through, where the fleet's shared limit lets at most 12.
 */
export const COMMANDS_PER_MINUTE = 12;

/** Failed sign-ins one address may make on one account in a window (the default). */
export const LOGIN_MAX_FAILURES = 5;

/** Every instance's settings beyond its own port, data dir and database. */
export const FLEET_ENV: Record<string, string> = {
  GAVEL_TRUSTED_PROXIES: "127.0.0.1",
  GAVEL_POLL_INTERVAL_MS: String(POLL_WINDOW_MS),
  GAVEL_RATE_LIMIT_COMMANDS_PER_MINUTE: String(COMMANDS_PER_MINUTE),
  GAVEL_LOGIN_MAX_FAILURES: String(LOGIN_MAX_FAILURES),
  GAVEL_ROLE_REFRESH_SECONDS: "5",
  SINCH_TIMEOUT_MS: "3000",
  GAVEL_METRICS_TOKEN: E2E_METRICS_TOKEN,
  NEXT_TELEMETRY_DISABLED: "1",
};

export const FLEET_PASSWORD = "fleet-test-password-not-secret";

export interface FleetUser {
  email: string;
  name: string;
  role: Role;
}

const user = (email: string, name: string, role: Role): FleetUser => ({ email, name, role });

/** The viewers of the Redis comparison: ten HTTP viewers per account, six accounts. */
export const VIEWER_ACCOUNTS = Array.from({ length: 6 }, (_, i) =>
  user(`viewer-${i + 1}@fleet.test`, `Viewer ${i + 1}`, "moderator"),
);

export const FLEET_USERS: readonly FleetUser[] = [
  user("admin@fleet.test", "Fleet Admin", "admin"),
  user("support@fleet.test", "Fleet Support", "support"),
  user("moderator@fleet.test", "Fleet Moderator", "moderator"),
  // The shared-limit test: one account against one instance, one through the fleet.
  user("limit-one@fleet.test", "Limit One", "moderator"),
  user("limit-fleet@fleet.test", "Limit Fleet", "moderator"),
  // Sign-in throttle: one account guessed at through one instance, one through the fleet.
  user("guess-one@fleet.test", "Guess One", "moderator"),
  user("guess-fleet@fleet.test", "Guess Fleet", "moderator"),
  ...VIEWER_ACCOUNTS,
];
