/**
 * The rules of Gavel's session token, shared by next-auth's callbacks
 * (lib/auth/server/options.ts) and the per-request actor lookup (session.ts): where
 * the cookie lives, how often the role and disabled status are re-read from the
 * database, and who a token names.
 */
import "server-only";
import type { JWT } from "next-auth/jwt";
import { config } from "../../config/env";
import { db } from "../../db";
import { getUserById } from "../../db/users";
import { isRole, type Role } from "../permissions";

function isLocalhost(url: string | undefined): boolean {
  if (!url) return true;
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
  } catch {
    return true;
  }
}

/** Secure (`__Secure-`) cookies everywhere but on localhost, where Gavel may run over plain http. */
export function usesSecureCookies(nextAuthUrl: string | undefined): boolean {
  return !isLocalhost(nextAuthUrl);
}

/** next-auth's session cookie; a long one is split into `<name>.0`, `<name>.1`, .... */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}

/**
 * The token with its role, name and disabled status re-read from the database when
 * the last read is GAVEL_ROLE_REFRESH_SECONDS old, so a demotion or a disabled
 * account takes effect within that time, not when the session ends.
 */
export async function refreshedToken(token: JWT, now: number): Promise<JWT> {
  const refreshedAt = typeof token.refreshedAt === "number" ? token.refreshedAt : 0;
  if (typeof token.uid !== "string" || now - refreshedAt < config().GAVEL_ROLE_REFRESH_SECONDS * 1000) return token;
  const dbUser = await getUserById(await db(), token.uid);
  if (!dbUser) return { ...token, disabled: true, refreshedAt: now };
  return { ...token, name: dbUser.name, role: dbUser.role, disabled: dbUser.disabled, refreshedAt: now };
}

export interface TokenUser {
  user: { id: string; email: string; name: string; role: Role | undefined };
  /** True for a disabled account, or a token without a known role. */
  disabled: boolean;
}

/** Who a token names, as next-auth's session and Gavel's actor both see it. */
export function tokenUser(token: JWT): TokenUser {
  const role = isRole(token.role) ? token.role : undefined;
  return {
    user: {
      id: typeof token.uid === "string" ? token.uid : "",
      email: token.email ?? "",
      name: token.name ?? "",
      role,
    },
    disabled: token.disabled === true || role === undefined,
  };
}
