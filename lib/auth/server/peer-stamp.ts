/**
 * The socket's address, carried to route handlers. Next 16's App Router gives a route
 * no socket and no `req.ip`; its x-forwarded-for is the client's own header when the
 * client sent one (see lib/auth/client-address.ts). So, once per process (from
 * instrumentation.ts), every incoming request of the process's HTTP servers gets a
 * header `x-gavel-peer: <process nonce> <socket address>`, replacing any the client sent.
 * The nonce is random per process: a client cannot forge the header, and a request
 * that somehow missed the stamp is seen as "unknown" rather than as whatever it claims.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import http from "node:http";

export const PEER_HEADER = "x-gavel-peer";

// Next bundles instrumentation and routes separately: the nonce lives on globalThis.
const KEY = Symbol.for("gavel.peerStamp");
type Holder = { [KEY]?: { nonce: string } };

/** Installs the stamp on every http.Server of this process (idempotent). */
export function installPeerStamp(): void {
  const holder = globalThis as Holder;
  if (holder[KEY]) return;
  const nonce = randomBytes(18).toString("base64url");
  holder[KEY] = { nonce };
  const original = http.Server.prototype.emit;
  http.Server.prototype.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request" || event === "upgrade") {
      const req = args[0] as http.IncomingMessage | undefined;
      if (req?.headers) req.headers[PEER_HEADER] = `${nonce} ${req.socket?.remoteAddress ?? ""}`;
    }
    return original.apply(this, [event, ...args] as Parameters<typeof original>);
  } as typeof original;
}

/** The socket's address stamped on this request, or undefined (no stamp, or a forged one). */
export function stampedPeer(headers: Headers): string | undefined {
  const state = (globalThis as Holder)[KEY];
  const value = headers.get(PEER_HEADER);
  if (!state || !value) return undefined;
  const space = value.indexOf(" ");
  if (space < 0 || value.slice(0, space) !== state.nonce) return undefined;
  return value.slice(space + 1);
}
