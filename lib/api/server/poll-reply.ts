/**
 * How a prepared poll answer (./poll-bridge.ts) goes out to one request: 304 without a
 * body when If-None-Match names its ETag, else 200 with the shared JSON, gzip'd when
 * the client accepts it and the body is worth it. Used by the participants route
 * (lib/conferences/server/live-poll.ts) and the front server's fast path alike, so
 * both answer the same status, headers and bytes.
 *
 * No `import "server-only"`: the front server loads this outside Next's bundler.
 */
import type { PreparedPoll } from "./poll-bridge";

/** Below this many bytes an answer goes uncompressed (Next's compression uses the same threshold). */
export const GZIP_THRESHOLD_BYTES = 1024;

type HeaderValue = string | string[] | null | undefined;

function one(v: HeaderValue): string | undefined {
  return Array.isArray(v) ? v.join(",") : (v ?? undefined);
}

/** Whether an If-None-Match header names this ETag (weak comparison, lists and `*` included). */
export function etagMatches(header: HeaderValue, etag: string): boolean {
  const ifNoneMatch = one(header);
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const want = opaque(etag);
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || opaque(t) === want);
}

/** Whether the request accepts gzip (Accept-Encoding names gzip or `*` without q=0). */
export function acceptsGzip(header: HeaderValue): boolean {
  const acceptEncoding = one(header);
  if (!acceptEncoding) return false;
  return acceptEncoding.split(",").some((part) => {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    if (name.trim() !== "gzip" && name.trim() !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * The status, headers and body of the answer for a request with these headers:
 * 304 without a body when If-None-Match names the ETag, else 200 with the JSON
 * (gzip'd when accepted and worth it). The caller adds the per-request headers.
 */
export function pollReply(
  prepared: PreparedPoll,
  request: { ifNoneMatch: HeaderValue; acceptEncoding: HeaderValue },
): { status: 200 | 304; headers: Record<string, string>; body: Buffer | null } {
  const headers: Record<string, string> = {
    ...prepared.headers,
    etag: prepared.etag,
    "cache-control": "no-store",
    vary: "Accept-Encoding",
  };
  if (etagMatches(request.ifNoneMatch, prepared.etag)) return { status: 304, headers, body: null };
  headers["content-type"] = "application/json";
  if (prepared.body.length >= GZIP_THRESHOLD_BYTES && acceptsGzip(request.acceptEncoding)) {
    const gz = prepared.gzipped();
    headers["content-encoding"] = "gzip";
    headers["content-length"] = String(gz.length);
    return { status: 200, headers, body: gz };
  }
  headers["content-length"] = String(prepared.body.length);
  return { status: 200, headers, body: prepared.body };
}
