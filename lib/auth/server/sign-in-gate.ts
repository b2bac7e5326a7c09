/**
 * The door in front of next-auth's credentials sign-in (POST /api/auth/callback/credentials).
 *
 * 1. A cheap in-memory check per client address (or per device cookie, when its
 *    signature holds), before any database read or password hash: failures in the
 *    window plus attempts running may not reach the limit, and at most two run at
 *    once. Refused at once with 429 and Retry-After.
 * 2. next-auth runs the credentials check (lib/auth/server/credentials.ts), which
 *    applies the database-backed limits and reports here how the attempt ended.
 * 3. A throttled or busy attempt becomes a 429 with Retry-After; a successful one
 *    gets a device cookie (lib/auth/server/device-cookie.ts).
 *
 * The 429's JSON body is next-auth's own shape ({ url }), with the sentence in the
 * URL's `error`, so next-auth's signIn() in the browser reports it like any failure.
 */
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { NextRequest } from "next/server";
import { config } from "../../config/env";
import { log } from "../../log/logger";
import { countSignInThrottled } from "../../metrics/server/registry";
import { AddressGate } from "../sign-in-throttle";
import { deviceCookieHeader, deviceCookieName, signedDevice, type Device } from "./device-cookie";

/** What one credentials attempt knows, and how it ended (set by credentials.ts). */
export interface SignInAttempt {
  address: string;
  /** The device cookie's device, when its signature holds (whichever account it names). */
  device: Device | null;
  result?:
    | { kind: "failed" }
    | { kind: "throttled"; retryAfterSeconds: number; message: string; busy?: boolean }
    | { kind: "succeeded"; email: string };
}

const storage = new AsyncLocalStorage<SignInAttempt>();

/** The credentials attempt being served, if any. */
export function currentSignInAttempt(): SignInAttempt | undefined {
  return storage.getStore();
}

export function waitSentence(seconds: number): string {
  return seconds <= 1 ? "1 second" : seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

export function throttledSentence(seconds: number): string {
  return `Too many failed sign-in attempts. Try again in ${waitSentence(seconds)}.`;
}

const KEY = Symbol.for("gavel.signInGates");
function gates(): { address: AddressGate; device: AddressGate } {
  const holder = globalThis as { [KEY]?: { address: AddressGate; device: AddressGate } };
  const cfg = config();
  const windowMs = cfg.GAVEL_LOGIN_WINDOW_SECONDS * 1000;
  holder[KEY] ??= {
    address: new AddressGate({ maxFailures: cfg.GAVEL_LOGIN_MAX_FAILURES_PER_ADDRESS, windowMs, maxInFlight: 2 }),
    device: new AddressGate({ maxFailures: cfg.GAVEL_LOGIN_MAX_FAILURES, windowMs, maxInFlight: 2 }),
  };
  return holder[KEY];
}

function isCredentialsSignIn(req: NextRequest): boolean {
  return req.method === "POST" && /\/api\/auth\/callback\/credentials\/?$/.test(req.nextUrl.pathname);
}

/** A 429 next-auth's browser client reads as a failed sign-in with this sentence. */
function tooManyResponse(req: NextRequest, seconds: number, message: string): Response {
  const base = config().NEXTAUTH_URL ?? req.nextUrl.origin;
  const url = new URL("/login", base);
  url.searchParams.set("error", message);
  url.searchParams.set("retryAfter", String(seconds));
  return Response.json(
    { url: url.toString(), error: message, retryAfterSeconds: seconds },
    { status: 429, headers: { "retry-after": String(seconds), "cache-control": "no-store" } },
  );
}

function withCookie(res: Response, cookie: string): Response {
  try {
    res.headers.append("set-cookie", cookie);
    return res;
  } catch {
    const headers = new Headers(res.headers);
    headers.append("set-cookie", cookie);
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  }
}

/** Serves an auth request: credentials sign-ins through the gate, everything else straight to next-auth. */
export async function guardSignIn(req: NextRequest, address: string, run: () => Promise<Response>): Promise<Response> {
  if (!isCredentialsSignIn(req)) return run();
  const device = signedDevice(req.cookies.get(deviceCookieName())?.value);
  const gate = device ? gates().device : gates().address;
  const ticket = gate.enter(device ? `device:${device.id}` : `ip:${address}`, Date.now());
  if (!ticket.allowed) {
    countSignInThrottled("gate");
    log("warn", "sign_in_throttled", {
      clientAddress: address,
      retryAfterSeconds: ticket.retryAfterSeconds,
      at: "gate",
    });
    return tooManyResponse(req, ticket.retryAfterSeconds, throttledSentence(ticket.retryAfterSeconds));
  }
  const attempt: SignInAttempt = { address, device };
  let res: Response;
  try {
    res = await storage.run(attempt, run);
  } finally {
    const r = attempt.result;
    ticket.finish(r?.kind === "failed" || (r?.kind === "throttled" && !r.busy) ? "failed" : "done");
  }
  const result = attempt.result;
  if (result?.kind === "throttled") countSignInThrottled(result.busy ? "busy" : "account");
  if (result?.kind === "throttled") return tooManyResponse(req, result.retryAfterSeconds, result.message);
  if (result?.kind === "succeeded") {
    const cookie = deviceCookieHeader(result.email);
    if (cookie) return withCookie(res, cookie);
  }
  return res;
}
