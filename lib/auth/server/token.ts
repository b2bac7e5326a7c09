/**
 * The rules of Gavel's session token, shared by next-auth's callbacks
 * (lib/auth/server/options.ts) and the per-request actor lookup (session.ts): where
 * the cookie lives, whether its session still stands, and who a token names.
 */
import "server-only";
import type { JWT } from "next-auth/jwt";
import type { SessionState } from "../../db/sessions";
import { sessionRefusal, sessionState, settledSessionState } from "./session-state";
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
 * The token as its session stands now: role and name from the user's current state,
 * or `disabled` when the session has ended (user disabled or gone, signed out, ended
 * everywhere, password reset). The state is at most a few seconds old
 * (lib/auth/server/session-state.ts), so each of these takes effect within that time.
 */
export async function checkedToken(token: JWT, now: number): Promise<JWT> {
  if (typeof token.uid !== "string") return { ...token, disabled: true };
  return tokenAgainst(token, await sessionState(token.uid, now));
}

/**
 * checkedToken without waiting: the token against its user's cached session state,
 * or undefined when no fresh state is cached (session-state.ts).
 */
export function checkedTokenNow(token: JWT, now: number): JWT | undefined {
  if (typeof token.uid !== "string") return { ...token, disabled: true };
  const settled = settledSessionState(token.uid, now);
  return settled && tokenAgainst(token, settled.value);
}

function tokenAgainst(token: JWT, state: SessionState | undefined): JWT {
  if (!state || sessionRefusal(token, state) !== null) return { ...token, disabled: true };
  // A token minted for nobody (jwt callback: user gone at sign-in) stays nobody's.
  return { ...token, name: state.name, role: state.role, disabled: token.disabled === true };
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
