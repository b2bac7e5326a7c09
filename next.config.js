// @ts-check
import { tsImport } from "tsx/esm/api";

// Validate the configuration when Next starts or builds, so a bad variable stops
// start-up with a message that names it (lib/config/env.ts is the one reader of env).
const { config, ConfigError } = await tsImport("./lib/config/env.ts", import.meta.url);
const { API_CSP, staticSecurityHeaders } = await tsImport("./lib/security/headers.ts", import.meta.url);
let distDir = ".next";
let productionBrowserSourceMaps = false;
try {
  distDir = config().GAVEL_NEXT_DIST_DIR;
  productionBrowserSourceMaps = config().GAVEL_BROWSER_SOURCE_MAPS;
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
  productionBrowserSourceMaps,
  // Also writes <distDir>/standalone: the server with only the files it needs
  // (node_modules traced), which the Docker image ships (Dockerfile, README "Deploying").
  // `npm start` keeps serving <distDir> itself; scripts/build-standalone.ts adds
  // Gavel's own front server (scripts/serve.ts) to the standalone tree.
  output: "standalone",
  // The native SQLite binding is loaded through `bindings` at run time, which the
  // tracer cannot follow: name the binary (and pg, loaded by name) so they are in it.
  outputFileTracingIncludes: {
    "/**": [
      "./node_modules/better-sqlite3/build/Release/better_sqlite3.node",
      "./node_modules/better-sqlite3/lib/**",
      "./node_modules/bindings/**",
      "./node_modules/file-uri-to-path/**",
      "./node_modules/pg/lib/**",
    ],
  },
  // Native and Node-only modules stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "pg", "bcryptjs", "prom-client"],
  // `next build` type-checks (Next's default): the README's production path
  // (`npm run build && npm start`) must never ship code that does not compile, even
  // when nobody ran `npm test` first.
  // The headers that do not vary per request, on every answer (lib/security/headers.ts).
  // Pages get their Content-Security-Policy (with the request's nonce) and HSTS from
  // proxy.ts at run time; API answers and files get the strict policy below.
  async headers() {
    return [
      { source: "/:path*", headers: staticSecurityHeaders() },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      { source: "/favicon.svg", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

export default nextConfig;
