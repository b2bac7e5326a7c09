/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a
 * browser that signed in to an account successfully gets a signed cookie naming that
 * account. Its next sign-ins to that account skip the account-wide and per-address
 * throttles that strangers face, and count their failures against the cookie alone,
 * so an attacker hammering the account cannot lock its owner out of the browsers the
 * owner already uses. HMAC-SHA256 under a key derived from NEXTAUTH_SECRET; without a
 * secret (`next dev` run directly) no browser is trusted.
 */
import "server-only";
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { config } from "../../config/env";
import { usesSecureCookies } from "./token";

export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

export function deviceCookieName(): string {
  return `${usesSecureCookies(config().NEXTAUTH_URL) ? "__Secure-" : ""}gavel-device`;
}

function key(): string | undefined {
  const secret = config().NEXTAUTH_SECRET;
  return secret && createHmac("sha256", secret).update("gavel device cookie v1").digest("base64url");
}

function sign(payload: string, k: string): string {
  return createHmac("sha256", k).update(payload).digest("base64url");
}

export interface Device {
  /** The device's own id: its failures are counted under it. */
  id: string;
  email: string;
}

/** The device a cookie names, when its signature holds and it is not too old (whichever account it names). */
export function signedDevice(value: string | undefined, now = Date.now()): Device | null {
  const k = key();
  if (!k || !value || value.length > 1000) return null;
  const dot = value.lastIndexOf(".");
  if (dot < 0) return null;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(payload, k));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const d = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      i?: unknown;
      e?: unknown;
      t?: unknown;
    };
    if (typeof d.i !== "string" || typeof d.e !== "string" || typeof d.t !== "number") return null;
    if (now - d.t > DEVICE_COOKIE_MAX_AGE_SECONDS * 1000) return null;
    return { id: d.i, email: d.e };
  } catch {
    return null;
  }
}

/** The Set-Cookie value for a browser that just signed in as `email`, or null without a secret. */
export function deviceCookieHeader(email: string, now = Date.now()): string | null {
  const k = key();
  if (!k) return null;
  const payload = Buffer.from(JSON.stringify({ i: randomUUID(), e: email, t: now })).toString("base64url");
  const secure = usesSecureCookies(config().NEXTAUTH_URL);
  return [
    `${deviceCookieName()}=${payload}.${sign(payload, k)}`,
    "Path=/api/auth",
    `Max-Age=${DEVICE_COOKIE_MAX_AGE_SECONDS}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
