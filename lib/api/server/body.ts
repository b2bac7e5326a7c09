/**
 * Reads a request body within the API's limit (lib/api/limits.ts): a declared
 * Content-Length over it is refused before anything is read, and a body that does
 * not declare one (chunked) is counted as it streams; past the limit nothing more
 * is kept, so no more than the limit is ever held in memory. The rest is still read
 * and dropped (up to DRAIN_LIMIT_BYTES and DRAIN_LIMIT_MS), so a client still
 * sending gets its 413 rather than a broken pipe; past those the stream is cancelled.
 */
import "server-only";
import { ApiError } from "../errors";
import { API_BODY_LIMIT_BYTES, bodyTooLargeMessage, DRAIN_LIMIT_BYTES, DRAIN_LIMIT_MS } from "../limits";

function tooLarge(): ApiError {
  return new ApiError("payload_too_large", bodyTooLargeMessage());
}

/** Reads and drops the rest of a refused body, within the drain limits. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const deadline = Date.now() + DRAIN_LIMIT_MS;
  let dropped = 0;
  while (dropped <= DRAIN_LIMIT_BYTES && Date.now() < deadline) {
    const { done, value } = await reader.read();
    if (done) return;
    dropped += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
}

/** The body as UTF-8 text ("" when there is none). */
export async function readBodyText(req: Request, limit = API_BODY_LIMIT_BYTES): Promise<string> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await drain(reader).catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError("validation_failed", "The request body is not valid UTF-8.");
  }
}
