/**
 * The "naive proxy" baseline: a tiny HTTP server that turns each GET /<conferenceId>
 * into one signed GET to the emulator and passes the answer through. What Gavel's
 * coalescing is measured against: it asks Sinch once per viewer per window.
 */
import http from "node:http";
import { signRequest } from "../../lib/sinch/signing";
import { sinchConferencePath, type Emulator } from "./stack";

export async function startNaiveProxy(emu: Emulator, port: number): Promise<{ close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const p = sinchConferencePath(decodeURIComponent((req.url ?? "/").slice(1)));
    const headers = signRequest({ key: emu.applicationKey, secret: emu.applicationSecret, method: "GET", path: p });
    fetch(`${emu.url}${p}`, { headers }).then(
      async (up) => {
        const body = Buffer.from(await up.arrayBuffer());
        res.writeHead(up.status, { "content-type": "application/json", "content-length": body.length });
        res.end(body);
      },
      () => {
        res.writeHead(502);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
