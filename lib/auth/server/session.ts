/**
 * Who is asking: the signed-in, enabled user named by the session cookie. The route
 * wrapper passes the request's cookies; pages and layouts pass none and the cookies
 * of the request being rendered are read. The token is only decrypted, never
 * re-encrypted (next-auth's getServerSession encodes a fresh one on every call, which
 * a route handler cannot even send back); its session is checked, and its role read,
 * against the user's current state (checkedToken), as next-auth's jwt callback does.
 */
import "server-only";
import { getServerSession } from "next-auth";
import { decode, type JWT } from "next-auth/jwt";
import { cookies } from "next/headers";
import { config } from "../../config/env";
import type { Actor } from "../actor";
import { authOptions } from "./options";
import { cookieJar, decodedToken, rememberDecoded } from "./decoded-tokens";
import { checkedToken, checkedTokenNow, sessionCookieName, tokenUser, usesSecureCookies } from "./token";

export type { Actor } from "../actor";

/** Cookies as both NextRequest and next/headers give them. */
export interface CookieJar {
  getAll(): { name: string; value: string }[];
}

/** The session cookie's value, its chunks (`<name>.0`, `<name>.1`, ...) joined in order as next-auth does. */
function sessionCookie(jar: CookieJar, name: string): string | undefined {
  const chunks = jar.getAll().filter((c) => c.name === name || c.name.startsWith(`${name}.`));
  if (chunks.length === 0) return undefined;
  const order = (cookieName: string) => Number.parseInt(cookieName.split(".").pop() ?? "0", 10) || 0;
  return chunks
    .sort((a, b) => order(a.name) - order(b.name))
    .map((c) => c.value)
    .join("");
}

async function readToken(raw: string, secret: string, now: number): Promise<JWT | null> {
  const known = decodedToken(raw, now);
  if (known) return known;
  try {
    const token = await decode({ token: raw, secret });
    if (token) rememberDecoded(raw, token, now);
    return token;
  } catch {
    // Expired, tampered with, or sealed with another secret: nobody is signed in.
    return null;
  }
}

function actorFrom(token: JWT): Actor | null {
  const { user, disabled } = tokenUser(token);
  if (disabled || !user.role || !user.id) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** The signed-in, enabled user of this request (from `jar`, or the request being rendered), or null. */
export async function getActor(jar?: CookieJar): Promise<Actor | null> {
  const { NEXTAUTH_SECRET: secret, NEXTAUTH_URL } = config();
  if (secret === undefined) {
    // Without a configured secret (`next dev` run directly) next-auth derives one from
    // its own options, which only next-auth can reproduce: let it read the session.
    const session = await getServerSession(authOptions());
    if (!session || session.disabled || !session.user.role || !session.user.id) return null;
    return { id: session.user.id, email: session.user.email, name: session.user.name, role: session.user.role };
  }
  const raw = sessionCookie(jar ?? (await cookies()), sessionCookieName(usesSecureCookies(NEXTAUTH_URL)));
  if (raw === undefined) return null;
  const now = Date.now();
  const token = await readToken(raw, secret, now);
  return token && actorFrom(await checkedToken(token, now));
}

/**
 * getActor without waiting, from a request's Cookie header: the actor when the
 * session cookie was decoded within the last few seconds (decoded-tokens.ts) and its
 * user's session state is cached and fresh; null when that state says the session
 * has ended; undefined when it cannot tell without decoding or reading (the poll fast
 * path then leaves the request to the route).
 */
export function actorNow(cookieHeader: string | undefined, now: number): Actor | null | undefined {
  const { NEXTAUTH_SECRET, NEXTAUTH_URL } = config();
  if (NEXTAUTH_SECRET === undefined || !cookieHeader) return undefined;
  const jar = cookieJar(cookieHeader);
  if (!jar) return undefined;
  const raw = sessionCookie(jar, sessionCookieName(usesSecureCookies(NEXTAUTH_URL)));
  const token = raw === undefined ? undefined : decodedToken(raw, now);
  if (!token) return undefined;
  const checked = checkedTokenNow(token, now);
  return checked && actorFrom(checked);
}
