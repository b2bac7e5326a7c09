// @ts-check
import { tsImport } from "tsx/esm/api";

// Validate the configuration when Next starts or builds, so a bad variable stops
// start-up with a message that names it (lib/config/env.ts is the one reader of env).
const { config, ConfigError } = await tsImport("./lib/config/env.ts", import.meta.url);
let distDir = ".next";
try {
  distDir = config().GAVEL_NEXT_DIST_DIR;
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  distDir,
  poweredByHeader: false,
  // Native and Node-only modules stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "pg", "bcryptjs"],
  // `npm test` type-checks the whole project with tsc before building; checking again
  // inside `next build` doubles the slowest step on these 2-core machines.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
