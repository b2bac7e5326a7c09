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
import { checkedToken, sessionCookieName, tokenUser, usesSecureCookies } from "./token";

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

async function readToken(raw: string, secret: string): Promise<JWT | null> {
  try {
    return await decode({ token: raw, secret });
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
  const token = await readToken(raw, secret);
  return token && actorFrom(await checkedToken(token, Date.now()));
}
