/**
 * Session tokens decoded in the last few seconds, by cookie value: next-auth's decode
 * (an HKDF key derivation and a JWE decryption) runs once per session per window
 * instead of once per request. Decoding is a pure function of the cookie and the
 * secret, so caching it changes no answer; whether the session still stands is
 * checked on every request against the session state (session-state.ts), so a
 * revocation takes effect exactly as before. An entry lives at most the session
 * state's own bound (sessionCheckMs(), ≤ 5 s) and never past the token's expiry.
 *
 * The map is the process's (on globalThis): Next's route bundles and the front
 * server's poll fast path (through lib/api/server/poll-bridge.ts) share it.
 */
import "server-only";
import type { JWT } from "next-auth/jwt";
import { processSingleton } from "../../util/server/process-singleton";
import { sessionCheckMs } from "./session-state";

interface Decoded {
  token: JWT;
  at: number;
  /** Epoch ms of the token's `exp`. */
  expiresAt: number;
}

const MAX_ENTRIES = 10_000;

const decoded = processSingleton("decodedTokens", () => new Map<string, Decoded>());

/** The token this cookie value decoded to, if that was within the window and it has not expired. */
export function decodedToken(raw: string, now: number): JWT | undefined {
  const hit = decoded.get(raw);
  if (!hit) return undefined;
  if (now - hit.at >= sessionCheckMs() || now >= hit.expiresAt) {
    decoded.delete(raw);
    return undefined;
  }
  return hit.token;
}

/** Remembers a cookie value's decoded token (one with an expiry; others are not cached). */
export function rememberDecoded(raw: string, token: JWT, now: number): void {
  if (typeof token.exp !== "number") return;
  if (decoded.size >= MAX_ENTRIES) {
    for (const [key, e] of decoded) if (now - e.at >= sessionCheckMs() || now >= e.expiresAt) decoded.delete(key);
    // Still full (a flood of fresh sessions): start again rather than grow.
    if (decoded.size >= MAX_ENTRIES) decoded.clear();
  }
  decoded.set(raw, { token, at: now, expiresAt: token.exp * 1000 });
}

/** For tests: forget every decoded token. */
export function forgetDecodedTokens(): void {
  decoded.clear();
}

/**
 * The cookies of a Cookie header, as a jar for sessionCookie(): undefined when the
 * header is one this parser would not read exactly as Next does (a name twice, a
 * percent-encoded value), so the caller falls back to Next's own reading.
 */
export function cookieJar(header: string): { getAll(): { name: string; value: string }[] } | undefined {
  const all: { name: string; value: string }[] = [];
  const seen = new Set<string>();
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!name) continue;
    if (seen.has(name) || value.includes("%") || value.startsWith('"')) return undefined;
    seen.add(name);
    all.push({ name, value });
  }
  return { getAll: () => all };
}
