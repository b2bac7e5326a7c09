/**
 * Gavel's web server process: Next.js (production or dev) served through
 * lib/api/server/front-server.ts, so the /api front door answers before Next
 * normalises or refuses a request on its own. The launcher (scripts/gavel.ts) runs
 * this in place of `next start` / `next dev`, with the same environment.
 *
 * usage: tsx scripts/serve.ts start|dev <port> [keepAliveTimeoutMs]
 */
import next from "next";
import { createFrontServer } from "../lib/api/server/front-server";
import { installNonBlockingLog } from "../lib/log/line-writer";

// Log lines off the request's path (lib/log/line-writer.ts), for Next's bundles too.
installNonBlockingLog();

const [mode, portArg, keepAliveArg] = process.argv.slice(2);
if ((mode !== "start" && mode !== "dev") || !portArg) {
  console.error("usage: tsx scripts/serve.ts start|dev <port> [keepAliveTimeoutMs]");
  process.exit(2);
}
const port = Number(portArg);
const dev = mode === "dev";

const server = createFrontServer((req, res) => handle(req, res));
const app = next({ dev, dir: process.cwd(), port, httpServer: server });
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
