/**
 * Completes `next build`'s standalone output (<dist dir>/standalone) into the tree the
 * Docker image ships: Gavel's launcher, front server and users CLI bundled as
 * gavel.mjs, gavel-serve.mjs and users.mjs (scripts/gavel.ts, scripts/serve.ts,
 * scripts/users.ts, with lib/ inlined), the
 * static assets and public/ copied in (Next leaves them out), and Next's own
 * server.js removed: it would serve without Gavel's /api front door
 * (lib/api/server/front-server.ts), so nobody should start it by mistake.
 *
 * Run after `next build` (`npm run build` does both). Start the tree with
 * `node gavel.mjs standalone` from inside it (README "Deploying").
 */
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { ConfigError, config } from "../lib/config/env";

/**
 * Loaded from the tree's node_modules, never inlined: native bindings, and packages
 * whose one copy per process the front server shares with Next's bundles (prom-client's
 * registry; lib/metrics/server/registry.ts).
 */
export const STANDALONE_EXTERNALS = ["next", "better-sqlite3", "pg", "prom-client", "bcryptjs"];

function distDir(): string {
  try {
    return config().GAVEL_NEXT_DIST_DIR;
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

async function main(): Promise<void> {
  const root = process.cwd();
  const dist = distDir();
  const tree = path.join(root, dist, "standalone");
  if (!existsSync(path.join(tree, dist, "BUILD_ID"))) {
    console.error(
      `No standalone build in ${tree}: run \`next build\` first (next.config.js sets output: "standalone").`,
    );
    process.exit(1);
  }
  await build({
    entryPoints: { gavel: "scripts/gavel.ts", "gavel-serve": "scripts/serve.ts", users: "scripts/users.ts" },
    outdir: tree,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    external: STANDALONE_EXTERNALS,
    // Inlined CommonJS modules call require() and read __dirname: give the ES module both.
    banner: {
      js: [
        "import { createRequire as __gavelRequire } from 'node:module';",
        "import { fileURLToPath as __gavelPath } from 'node:url';",
        "const require = __gavelRequire(import.meta.url);",
        "const __filename = __gavelPath(import.meta.url);",
        "const __dirname = __gavelPath(new URL('.', import.meta.url));",
      ].join(" "),
    },
    logLevel: "warning",
  });
  rmSync(path.join(tree, dist, "static"), { recursive: true, force: true });
  cpSync(path.join(root, dist, "static"), path.join(tree, dist, "static"), { recursive: true });
  cpSync(path.join(root, "public"), path.join(tree, "public"), { recursive: true });
  rmSync(path.join(tree, "server.js"), { force: true });
  console.log(
    `Standalone tree ready: ${path.relative(root, tree)} (start it there with \`node gavel.mjs standalone\`).`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
