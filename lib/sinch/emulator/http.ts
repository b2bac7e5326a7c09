/** Small node:http helpers shared by the Sinch API and the control API. */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Bodies above this are refused; Sinch's largest documented field is 600 characters. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`Request body larger than ${MAX_BODY_BYTES} bytes`);
  }
}

/**
 * Reads the raw body as bytes, before anything parses it: the signature's MD5 is
 * over the exact bytes sent. Rejects with BodyTooLargeError past the limit (the
 * rest is drained, not buffered, so the connection can still get an answer).
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => (tooLarge ? reject(new BodyTooLargeError()) : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
    // A client that goes away mid-body may only close: settle anyway (settling twice is a no-op).
    req.on("close", () => {
      if (!req.complete) reject(new Error("Request aborted before its body was complete"));
    });
  });
}

/** A header as sent (Node joins repeated ones; Content-Type and x-timestamp are never repeated by clients). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** False once the client is gone: nothing may be written then. */
export function canAnswer(res: ServerResponse): boolean {
  return !res.destroyed && !res.writableEnded && !res.headersSent;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (!canAnswer(res)) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export function sendRaw(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = "application/json; charset=utf-8",
  headers: Record<string, string> = {},
): void {
  if (!canAnswer(res)) return;
  res.writeHead(status, {
    "Content-Type": contentType,
    "Content-Length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (!canAnswer(res)) return;
  res.writeHead(status, headers);
  res.end();
}
