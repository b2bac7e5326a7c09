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
  // `next build` type-checks (Next's default): the README's production path
  // (`npm run build && npm start`) must never ship code that does not compile, even
  // when nobody ran `npm test` first.
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
