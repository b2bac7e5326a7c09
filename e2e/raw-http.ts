/**
 * HTTP exactly as written: the request target, headers and body go out byte for
 * byte (node:http), with no URL parsing on the way. Playwright's request context
 * resolves "..", re-encodes and follows redirects, which is precisely what the
 * hostile-input tests (e2e/fuzz.spec.ts, e2e/front-door.spec.ts) must not do.
 */
import http from "node:http";
import { BASE_URL } from "./helpers";

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method: string;
  /** The request target as sent, e.g. "/api/conferences/%zz/participants" (printable ASCII: Node refuses the rest). */
  path: string;
  headers?: Record<string, string>;
  /** A Buffer or string body; an iterable of chunks is sent chunked (no Content-Length). */
  body?: string | Buffer | Iterable<Buffer>;
}

/**
 * The headers that say where the body ends. Node writes a GET, HEAD, DELETE or
 * OPTIONS body with neither Content-Length nor chunking unless told, and the server
 * then reads it as a second, broken request.
 */
function framed(req: RawRequest): Record<string, string> | undefined {
  const { body, headers } = req;
  if (body === undefined) return headers;
  if (typeof body === "string" || Buffer.isBuffer(body)) {
    return { ...headers, "content-length": String(Buffer.byteLength(body)) };
  }
  return { ...headers, "transfer-encoding": "chunked" };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** Sends one request; an answer the server gives before reading the whole body still counts. */
export function rawRequest(req: RawRequest): Promise<RawAnswer> {
  const url = new URL(BASE_URL);
  return new Promise((resolve, reject) => {
    let settled = false;
    const r = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers: framed(req),
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          settled = true;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") });
        });
        res.on("error", (e) => {
          if (!settled) reject(e);
        });
      },
    );
    r.setTimeout(20_000, () => r.destroy(new Error("no answer within 20 s")));
    // The server may answer (413) and close while the body is still going out:
    // the answer is what matters, so a write error after it is ignored.
    r.on("error", (e) => {
      if (!settled) reject(e);
    });
    const body = req.body;
    if (body === undefined) r.end();
    else if (typeof body === "string" || Buffer.isBuffer(body)) r.end(body);
    else {
      void (async () => {
        for (const chunk of body) {
          if (r.destroyed) return;
          if (!r.write(chunk)) await new Promise((ok) => r.once("drain", ok));
        }
        r.end();
      })().catch(() => undefined);
    }
  });
}
