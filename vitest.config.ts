import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside a React Server environment; lib tests run in plain Node.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-noop.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts", "deploy/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Tests start real HTTP servers and databases; two workers suit these 2-core machines.
    maxWorkers: 2,
  },
});
