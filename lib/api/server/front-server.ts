/**
 * Gavel's HTTP server: Node's own, with the /api front door (lib/api/front-door.ts)
 * before Next's request handler. Next normalises a path ("..", "//", "\") and
 * answers malformed percent-encoding before any of Gavel's code (proxy.ts included)
 * runs, and Node answers oversized headers (431) before Next does: only the server
 * that owns the socket can put those answers in the envelope. What it answers gets
 * an x-request-id and one log line, like every other API answer (./served.ts).
 *
 * No `import "server-only"`: this runs in the web server process before Next is
 * loaded (scripts/serve.ts), outside Next's bundler.
 */
import { randomUUID } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { clientAddress } from "../../auth/client-address";
import { config } from "../../config/env";
import { log } from "../../log/logger";
import { countRequest } from "../../metrics/server/registry";
import { API_CSP, HSTS_VALUE, isHttpsUrl, staticSecurityHeaders } from "../../security/headers";
import { frontDoor, type Refusal } from "../front-door";
import { DRAIN_LIMIT_BYTES, DRAIN_LIMIT_MS } from "../limits";
import { REQUEST_ID_HEADER } from "../fetch";
import { servePollFast } from "./poll-fast-path";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

let headersOnce: Record<string, string> | undefined;

/**
 * The headers every other API answer gets (next.config.js, lib/security/headers.ts), on
 * the front door's own: built from the same list, once (the configuration does not change).
 */
function securityHeaders(): Record<string, string> {
  headersOnce ??= {
    ...Object.fromEntries(staticSecurityHeaders().map(({ key, value }) => [key.toLowerCase(), value])),
    "cache-control": "no-store",
    "content-security-policy": API_CSP,
    ...(isHttpsUrl(config().NEXTAUTH_URL) ? { "strict-transport-security": HSTS_VALUE } : {}),
  };
  return headersOnce;
}

/** Who is asking, by the same rule as every route (GAVEL_TRUSTED_PROXIES; lib/auth/client-address.ts). */
function addressOf(socket: { remoteAddress?: string }, forwardedFor: string | string[] | undefined): string {
  return clientAddress(
    { peer: socket.remoteAddress, forwardedFor: Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor },
    config().GAVEL_TRUSTED_PROXIES,
  );
}

function envelope(refusal: Refusal): string {
  return JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
}

function pathOf(url: string | undefined): string {
  const path = (url ?? "").split("?", 1)[0] ?? "";
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/**
 * Reads and drops what is left of a request's body once it has been answered (a
 * refusal, or a route that stopped reading at the size limit), within limits; past
 * them the connection is cut. Left unread, the body would sit in a keep-alive
 * connection, and the client's next request behind it would never be read.
 */
function drain(req: IncomingMessage): void {
  if (req.complete) return;
  let read = 0;
  const timer = setTimeout(() => req.socket.destroy(), DRAIN_LIMIT_MS);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    read += chunk.length;
    if (read > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.on("end", () => clearTimeout(timer));
  req.on("close", () => clearTimeout(timer));
  req.resume();
}

/** Answers a request the front door refused (or an OPTIONS it answers itself). */
export function answerRefusal(req: IncomingMessage, res: ServerResponse, refusal: Refusal, started: number): void {
  const requestId = randomUUID();
  const headers: Record<string, string> = { ...securityHeaders(), [REQUEST_ID_HEADER]: requestId };
  if (refusal.allow) headers.allow = refusal.allow;
  let body = "";
  if (refusal.code) {
    body = refusal.api ? envelope(refusal) : `${refusal.message}\n`;
    headers["content-type"] = refusal.api ? "application/json" : "text/plain; charset=utf-8";
  }
  headers["content-length"] = String(Buffer.byteLength(body));
  res.writeHead(refusal.status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
  drain(req);
  if (refusal.api) countRequest("front_door", req.method ?? "GET", refusal.status, started);
  log(refusal.status >= 500 ? "error" : "info", refusal.api ? "api_request" : "page_request", {
    requestId,
    method: req.method,
    path: pathOf(req.url),
    status: refusal.status,
    ms: Math.round(performance.now() - started),
    clientAddress: addressOf(req.socket, req.headers["x-forwarded-for"]),
    refusedBy: "front_door",
  });
}

function serve(req: IncomingMessage, res: ServerResponse, next: RequestHandler): void {
  const started = performance.now();
  const refusal = frontDoor({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers });
  if (refusal) {
    answerRefusal(req, res, refusal, started);
    return;
  }
  // The participants poll, answered without Next when everything the route checks is proven.
  const toNext = () => serveByNext(req, res, next);
  if (servePollFast(req, res, started, toNext, () => addressOf(req.socket, req.headers["x-forwarded-for"]))) return;
  toNext();
}

function serveByNext(req: IncomingMessage, res: ServerResponse, next: RequestHandler): void {
  const socket = req.socket;
  res.on("finish", () => {
    if (req.complete) return;
    // Next drops a body a route stopped reading (over the size limit) by destroying the
    // request, which leaves the connection paused mid-body: nothing after it would be
    // read. Such an answer says "Connection: close" (lib/api/server/handler.ts); close it.
    if (req.destroyed) socket.destroySoon();
    else drain(req);
  });
  Promise.resolve(next(req, res)).catch((e: unknown) => {
    log("error", "unhandled_error", { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    if (!res.headersSent) {
      res.writeHead(500, { "content-type": "application/json", [REQUEST_ID_HEADER]: randomUUID() });
    }
    res.end();
  });
}

/**
 * A request Node's parser could not read: headers over its limit (431) or a
 * malformed request (400). There is no request object, so the answer is written
 * on the socket, and the connection closed, as Node itself would.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  if (err.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    socket.end("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n");
    return;
  }
  const tooBig = err.code === "HPE_HEADER_OVERFLOW";
  const refusal: Refusal = tooBig
    ? {
        status: 431,
        code: "headers_too_large",
        message: `The request's headers are over ${http.maxHeaderSize / 1024} KiB, the most Gavel reads.`,
        api: true,
      }
    : { status: 400, code: "validation_failed", message: "The request is not valid HTTP.", api: true };
  const requestId = randomUUID();
  // An answer to HEAD has no body (a client would read one as a broken next answer).
  const head = (err as { rawPacket?: Buffer }).rawPacket?.subarray(0, 5).toString("latin1") === "HEAD ";
  const body = head ? "" : envelope(refusal);
  socket.end(
    [
      `HTTP/1.1 ${refusal.status} ${http.STATUS_CODES[refusal.status]}`,
      "Content-Type: application/json",
      `Content-Length: ${Buffer.byteLength(head ? envelope(refusal) : body)}`,
      `X-Request-Id: ${requestId}`,
      ...Object.entries(securityHeaders()).map(([k, v]) => `${k}: ${v}`),
      "Connection: close",
      "",
      body,
    ].join("\r\n"),
  );
  log("info", "http_client_error", {
    requestId,
    status: refusal.status,
    error: err.code ?? err.message,
    // No headers could be read: the socket's address is all there is.
    clientAddress: addressOf(socket as { remoteAddress?: string }, undefined),
  });
}

/** The server: `next` serves whatever the front door lets through. */
export function createFrontServer(next: RequestHandler): http.Server {
  const server = http.createServer((req, res) => serve(req, res, next));
  // A client that waits for "100 Continue" before a large body is refused before it sends it.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    const refusal = frontDoor({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers });
    if (refusal) {
      answerRefusal(req, res, refusal, performance.now());
      return;
    }
    res.writeContinue();
    serve(req, res, next);
  });
  server.on("clientError", answerClientError);
  return server;
}
