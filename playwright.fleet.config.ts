import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./e2e/chromium";

/**
 * The fleet test (`npm run test:fleet`, e2e/fleet/): three Gavel instances on one
 * PostgreSQL database behind nginx, with Redis and one emulator, all started by the
 * specs' worker fixture (e2e/fleet/harness.ts) from the e2e build. A config of its own,
 * so `npx playwright test` for the normal e2e run never starts the fleet. One worker:
 * the specs share one fleet, in file order.
 */
export default defineConfig({
  testDir: "./e2e/fleet",
  globalSetup: "./e2e/fleet/global-setup.ts",
  timeout: 180_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results/fleet",
  use: {
    ...devices["Desktop Chrome"],
    channel: undefined,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: CHROMIUM_LAUNCH,
  },
});
