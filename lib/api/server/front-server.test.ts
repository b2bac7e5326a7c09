/**
 * Gavel's HTTP server over a real socket, with a stand-in for Next behind it: what
 * the front door refuses is answered in the envelope with an x-request-id and one
 * log line, and never reaches Next; headers over Node's limit get a 431 envelope
 * rather than Node's bare one; a client that waits for 100 Continue is refused
 * before it sends a body over the limit.
 */
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "../../config/env";
import { API_BODY_LIMIT_BYTES } from "../limits";
import { createFrontServer } from "./front-server";

let server: http.Server;
let port: number;
const reachedNext: string[] = [];

beforeAll(async () => {
  server = createFrontServer((req, res) => {
    reachedNext.push(`${req.method} ${req.url}`);
    if (req.url === "/api/conferences" && req.method === "POST") {
      // As Next serves a route that stops reading at the size limit: the body as a web
      // stream, one chunk read, the stream cancelled (which destroys the request), the answer.
      const reader = (Readable.toWeb(req) as ReadableStream<Uint8Array>).getReader();
      void reader.read().then(async () => {
        await reader.cancel();
        res.writeHead(413, { "content-type": "application/json", connection: "close" }).end("{}");
      });
      return;
    }
    if (req.url === "/api/conferences/x/bulk" && req.method === "POST") {
      // A route that stops reading without destroying the request.
      req.once("data", () => {
        req.pause();
        res.writeHead(413, { "content-type": "application/json" }).end("{}");
      });
      return;
    }
    res.writeHead(200, { "content-type": "text/plain" }).end("next");
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((ok) => server.close(ok));
});

let logged: string[];
beforeEach(() => {
  reachedNext.length = 0;
  logged = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void logged.push(line));
  return () => vi.restoreAllMocks();
});

/** Raw bytes on a socket: what comes back, whole. */
function raw(request: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
    socket.on("error", reject);
  });
}

function get(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer[],
  agent?: http.Agent,
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const r = http.request({ host: "127.0.0.1", port, method, path, headers, agent }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    r.on("error", reject);
    if (Array.isArray(body)) {
      for (const chunk of body) r.write(chunk);
      r.end();
    } else r.end(body);
  });
}

describe("Gavel's HTTP server", () => {
  it.each([
    ["GET", "/api/conferences/%zz/participants", 400, "validation_failed"],
    ["DELETE", "/api/conferences/room/participants/..", 400, "validation_failed"],
    ["GET", "/api/conferences//participants", 400, "validation_failed"],
    ["GET", "/api/nothing", 404, "not_found"],
    ["PUT", "/api/conferences", 405, "method_not_allowed"],
  ])("answers %s %s with %i in the envelope, a request id and a log line, without Next", async (m, p, status, code) => {
    const res = await get(m, p);
    expect(res.status).toBe(status);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(res.text)).toMatchObject({ error: { code } });
    const id = res.headers["x-request-id"];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(reachedNext).toEqual([]);
    const lines = logged.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([expect.objectContaining({ event: "api_request", requestId: id, status, method: m })]);
  });

  it("gives its own answers the headers every API answer has", async () => {
    const res = await get("GET", "/api/nothing");
    expect(res.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers["permissions-policy"]).toContain("camera=()");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it.each([
    ["", "127.0.0.1"],
    ["1", "203.0.113.9"],
  ])("logs the client's address by the configured rule (GAVEL_TRUSTED_PROXIES=%j: %s)", async (trust, expected) => {
    process.env.GAVEL_TRUSTED_PROXIES = trust;
    resetConfigForTests();
    try {
      await new Promise<void>((resolve, reject) => {
        const headers = { "x-forwarded-for": "203.0.113.9" };
        const r = http.request({ host: "127.0.0.1", port, method: "GET", path: "/api/nothing", headers }, (res) => {
          res.resume();
          res.on("end", resolve);
        });
        r.on("error", reject);
        r.end();
      });
    } finally {
      delete process.env.GAVEL_TRUSTED_PROXIES;
      resetConfigForTests();
    }
    const line = JSON.parse(logged.at(-1) ?? "{}") as { clientAddress?: string };
    expect(line.clientAddress).toBe(expected);
  });

  it("sends Allow with a 405, and answers OPTIONS with 204", async () => {
    expect((await get("PUT", "/api/conferences")).headers.allow).toBe("GET, POST, HEAD, OPTIONS");
    const options = await get("OPTIONS", "/api/callouts/batch");
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe("POST, OPTIONS");
  });

  it("passes everything else to Next as it came", async () => {
    expect((await get("GET", "/api/conferences?x=%zz")).text).toBe("next");
    expect((await get("GET", "/login")).text).toBe("next");
    expect(reachedNext).toEqual(["GET /api/conferences?x=%zz", "GET /login"]);
  });

  it("answers headers over Node's limit with a 431 envelope and a log line", async () => {
    const answer = await raw(`GET /api/conferences HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toMatch(/\r\nX-Request-Id: [0-9a-f-]{36}\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toMatchObject({
      error: { code: "headers_too_large" },
    });
    expect(logged.map((l) => JSON.parse(l) as { event: string })).toEqual([
      expect.objectContaining({ event: "http_client_error", status: 431 }),
    ]);
  });

  it("answers an oversized HEAD without a body", async () => {
    const answer = await raw(`HEAD /api/conferences HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer.endsWith("\r\n\r\n")).toBe(true);
  });

  it("answers a request Node cannot parse with a 400 envelope", async () => {
    const answer = await raw("GET /api/conferences HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"code":"validation_failed"');
  });

  it("refuses a body over the limit with 413 before a waiting client sends it", async () => {
    const head =
      `POST /api/callouts/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${API_BODY_LIMIT_BYTES + 1}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`;
    const answer = await raw(head);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).not.toContain("100 Continue");
    expect(answer).toContain('"code":"payload_too_large"');
    expect(reachedNext).toEqual([]);
  });

  it("reads and drops the body of a refused request, so the client gets its answer", async () => {
    const res = await get(
      "POST",
      "/api/callouts/batch",
      { "content-type": "application/json" },
      "x".repeat(API_BODY_LIMIT_BYTES + 10),
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("keeps a keep-alive connection usable after a route stopped reading a chunked body", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const chunks = Array.from({ length: 32 }, () => Buffer.alloc(64 * 1024, 120));
    for (const path of ["/api/conferences", "/api/conferences/x/bulk"]) {
      const first = await get("POST", path, { "transfer-encoding": "chunked" }, chunks, agent);
      expect(first.status).toBe(413);
      // The next request: on the same connection (its body read and dropped) or, when the
      // answer closed it, a new one; never one left paused mid-body, where it would hang.
      const second = await get("GET", "/api/users", {}, undefined, agent);
      expect(second.text).toBe("next");
    }
    agent.destroy();
  });

  it("answers a page path that cannot be decoded with a plain 400, not Next's bare 500", async () => {
    const res = await get("GET", "/conferences/%zz");
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(res.headers["x-request-id"]).toBeTruthy();
  });
});
