/**
 * Gavel's web server process: Next.js (production or dev) served through
 * lib/api/server/front-server.ts, so the /api front door answers before Next
 * normalises or refuses a request on its own. The launcher (scripts/gavel.ts) runs
 * this in place of `next start` / `next dev`, with the same environment.
 *
 * In production (`start`, and `standalone`: the same from the self-contained tree
 * scripts/build-standalone.ts makes) Next runs with the configuration its build
 * serialised (<dist dir>/required-server-files.json), as Next's own standalone
 * server.js does: next.config.js is not there in the standalone tree, and one way for
 * both keeps them serving alike. Gavel does not use that server.js: it would serve
 * without the front door below.
 *
 * usage: tsx scripts/serve.ts start|dev <port> [keepAliveTimeoutMs]
 *        node gavel-serve.mjs standalone <port> [keepAliveTimeoutMs]   (standalone tree)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import next from "next";
import { config } from "../lib/config/env";
import { createFrontServer } from "../lib/api/server/front-server";
import { installNonBlockingLog } from "../lib/log/line-writer";

// Log lines off the request's path (lib/log/line-writer.ts), for Next's bundles too.
installNonBlockingLog();

const [mode, portArg, keepAliveArg] = process.argv.slice(2);
if ((mode !== "start" && mode !== "dev" && mode !== "standalone") || !portArg) {
  console.error("usage: tsx scripts/serve.ts start|dev|standalone <port> [keepAliveTimeoutMs]");
  process.exit(2);
}
const port = Number(portArg);
const dev = mode === "dev";

/** The configuration `next build` used, as it serialised it for the production server. */
function builtConfig(): Record<string, unknown> {
  const file = path.join(process.cwd(), config().GAVEL_NEXT_DIST_DIR, "required-server-files.json");
  const built = JSON.parse(readFileSync(file, "utf8")) as { config: Record<string, unknown> };
  // Next reads it from here too (its config loader, and the image optimiser's worker).
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(built.config);
  return built.config;
}

const server = createFrontServer((req, res) => handle(req, res));
const app = next({ dev, dir: process.cwd(), port, httpServer: server, ...(dev ? {} : { conf: builtConfig() }) });
const handle = app.getRequestHandler();

async function main(): Promise<void> {
  // Next attaches its own WebSocket handler (dev's hot reload) to `httpServer`.
  await app.prepare();
  // A keep-alive timeout longer than clients' and proxies' own (commonly 60 s), so the
  // server is not the side that closes an idle connection just as a request arrives.
  if (keepAliveArg) server.keepAliveTimeout = Number(keepAliveArg);
  server.listen(port, () => {
    console.log(
      `▲ Next.js ${dev ? "dev" : "production"} server on http://localhost:${port} (behind Gavel's /api front door)`,
    );
  });
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
