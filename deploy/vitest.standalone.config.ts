// The standalone server's test (deploy/standalone-server.check.ts): it needs a
// production build, so it runs after the e2e run has made one (`npm run
// test:standalone`, in `npm test` after test:e2e), not with the unit tests.
import { defineConfig } from "vitest/config";
import unit from "../vitest.config";

export default defineConfig({
  ...unit,
  test: {
    ...unit.test,
    include: ["deploy/standalone-server.check.ts"],
    // A build, when none can be reused, takes minutes on these machines.
    hookTimeout: 900_000,
    testTimeout: 60_000,
  },
});
