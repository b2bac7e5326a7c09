/**
 * What the emulator was sent on the Sinch API and what it answered, so a test
 * can assert on the wire (which auth scheme, which encoded path, which body)
 * rather than on the client's own account of it. Control requests are never logged.
 */
import type { Operation } from "./faults";

export type LoggedAuthScheme = "signed" | "basic" | "none" | "invalid";

export interface LoggedRequest {
  seq: number;
  time: string;
  method: string;
  /** The request target exactly as sent (still percent-encoded). */
  path: string;
  decodedPath: string;
  /** The region whose base URL the request came through ("global" without a /region/ prefix). */
  region: string;
  operation: Operation | null;
  authScheme: LoggedAuthScheme;
  contentType: string | null;
  /**
   * The x-timestamp header and the body's MD5 as signed, so a test that knows the
   * secret can recompute each request's signature and look for it where it must not
   * be (e2e/secrets.spec.ts). Neither is secret; the Authorization header is never logged.
   */
  timestamp: string | null;
  contentMd5: string;
  /** Parsed JSON when the body is JSON, else the raw text; null when there is none. */
  body: unknown;
  /**
   * What the emulator answered; null while pending, or if the request hung or was
   * dropped (with droppedAnswer the operation ran all the same: see `fault`).
   */
  status: number | null;
  fault: string | null;
}

export const MAX_LOGGED_REQUESTS = 5000;

export class RequestLog {
  private entries: LoggedRequest[] = [];
  // Sequence numbers keep increasing across clears and resets, so a `since`
  // taken before a reset never hides what came after it.
  private seq = 0;

  add(entry: Omit<LoggedRequest, "seq">): LoggedRequest {
    const logged: LoggedRequest = { seq: ++this.seq, ...entry };
    this.entries.push(logged);
    if (this.entries.length > MAX_LOGGED_REQUESTS) this.entries.splice(0, this.entries.length - MAX_LOGGED_REQUESTS);
    return logged;
  }

  since(seq: number): LoggedRequest[] {
    return this.entries.filter((e) => e.seq > seq).map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }
}

/** The body as the log shows it: JSON if it parses, else the text, null if empty. */
export function bodyForLog(raw: Buffer): unknown {
  if (raw.length === 0) return null;
  const text = raw.toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
