/**
 * The API's size limits, shared by the front door (lib/api/front-door.ts, which
 * refuses a declared Content-Length over it before anything is read) and the route
 * wrapper (lib/api/server/body.ts, which counts what a chunked body streams).
 * Client-safe.
 *
 * The largest legitimate body is a dial-a-list batch: 500 lines with every field at
 * its maximum is 324,916 bytes in UTF-8, and 476,908 with every non-ASCII
 * character \u-escaped (what Python's json.dumps writes by default);
 * lib/api/limits.test.ts builds both.
 */
export const API_BODY_LIMIT_BYTES = 512 * 1024;

/**
 * What is left of a refused body is still read and dropped, up to this much and this
 * long, so the client (still sending) gets the answer instead of a broken pipe and
 * the connection stays usable; past either, the connection is cut.
 */
export const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;
export const DRAIN_LIMIT_MS = 10_000;

export function bodyTooLargeMessage(): string {
  return `The request body is over ${API_BODY_LIMIT_BYTES / 1024} KiB, the most Gavel's API reads.`;
}
