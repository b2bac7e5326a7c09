import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./e2e/chromium";
import { E2E_METRICS_TOKEN } from "./e2e/metrics-token";

/**
 * End-to-end tests run Gavel exactly as a new user does (`npm start`, sandbox mode,
 * so the embedded emulator answers as Sinch), with the living scene off and short
 * ring times so tests decide what happens. Chromium is Debian's: this machine
 * cannot download Playwright's own browsers.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 4110);
const baseURL = `http://localhost:${E2E_PORT}`;
/** Each e2e server gets its own data dir, so two runs on one machine do not share a database. */
export const E2E_DATA_DIR = `data/e2e-${E2E_PORT}`;
/** The e2e server's output, kept for the secrets scan (e2e/secrets.spec.ts). */
export const E2E_SERVER_LOG = `data/e2e-${E2E_PORT}.server.log`;

export default defineConfig({
  testDir: "./e2e",
  // Generous: these machines are shared, and a test that times out proves nothing.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  // A test.only left in by mistake would silently skip the rest of the suite in CI.
  forbidOnly: !!process.env.CI,
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      // The fleet specs (e2e/fleet/) run under playwright.fleet.config.ts only.
      testIgnore: [/(console-crowd|load|secrets)\.spec\.ts/, /[\\/]fleet[\\/]/],
    },
    // Twenty viewers load a 2-core machine enough to slow whatever runs beside them:
    // the crowd test runs last, on its own.
    {
      name: "crowd",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testMatch: /console-crowd\.spec\.ts/,
      dependencies: ["chromium"],
    },
    // Hundreds of HTTP viewers and the server's memory: alone, after everything else
    // (LOAD_FULL=1, `npm run soak`, for the full 60 s run).
    {
      name: "load",
      testMatch: /load\.spec\.ts/,
      dependencies: ["crowd"],
    },
    // After every other spec (the load test's answers and log lines included): scans
    // what the whole run produced for secrets.
    {
      name: "secrets",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testMatch: /secrets\.spec\.ts/,
      dependencies: ["chromium", "crowd", "load"],
    },
  ],
  webServer: {
    command: `rm -rf ${E2E_DATA_DIR} && mkdir -p data && npx tsx scripts/build-isolated.ts && npm start 2>&1 | tee ${E2E_SERVER_LOG}`,
    url: `${baseURL}/login`,
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      NEXTAUTH_URL: baseURL,
      GAVEL_DATA_DIR: E2E_DATA_DIR,
      GAVEL_NEXT_DIST_DIR: `.next-e2e-${E2E_PORT}`,
      GAVEL_EMULATOR_PORT: String(E2E_EMULATOR_PORT),
      GAVEL_EMULATOR_SCENE: "off",
      GAVEL_EMULATOR_RING_MS: "300",
      GAVEL_ROLE_REFRESH_SECONDS: "5",
      // Short, so e2e/outcomes.spec.ts can make Sinch answer after Gavel's timeout
      // (lateAnswer 3000 ms) without slowing every test; the emulator answers in milliseconds.
      SINCH_TIMEOUT_MS: "1500",
      // Two caller IDs for the callout forms' "Caller ID" choice (e2e/callouts.spec.ts).
      GAVEL_CALLER_IDS: "+12025550100,+46701234567",
      SINCH_APPLICATION_KEY: "",
      SINCH_APPLICATION_SECRET: "",
      DATABASE_URL: "",
      // The run's own scrape of /api/metrics (e2e/metrics.spec.ts).
      GAVEL_METRICS_TOKEN: E2E_METRICS_TOKEN,
    },
  },
});
