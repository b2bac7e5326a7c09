/**
 * next-auth v4 configuration: credentials sign-in against Gavel's users, optional
 * OpenID Connect single sign-on for provisioned users, JWT sessions whose role and
 * disabled status are re-read from the database every GAVEL_ROLE_REFRESH_SECONDS.
 */
import "server-only";
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { config } from "../../config/env";
import { db } from "../../db";
import { checkLoginAllowed, clearLoginFailures, recordLoginFailure, type LoginCheck } from "../../db/login-attempts";
import { getUserByEmail, getUserById, touchLogin, verifyPassword } from "../../db/users";
import { recordSignIn } from "./sign-in-events";
import { refreshedToken, tokenUser, usesSecureCookies } from "./token";
import { clientAddressFromHeaders } from "../client-address";

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

async function firstBlock(checks: Promise<LoginCheck>[]): Promise<LoginCheck> {
  const results = await Promise.all(checks);
  const blocked = results.filter((r): r is Extract<LoginCheck, { allowed: false }> => !r.allowed);
  if (blocked.length === 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(...blocked.map((b) => b.retryAfterSeconds)) };
}

function formatWait(seconds: number): string {
  return seconds <= 1 ? "1 second" : `${seconds} seconds`;
}

export function authOptions(): NextAuthOptions {
  const cfg = config();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req): Promise<User | null> {
        const email = String(credentials?.email ?? "")
          .trim()
          .toLowerCase();
        const password = String(credentials?.password ?? "");
        const address = clientAddressFromHeaders(req?.headers as Record<string, string | string[] | undefined>);
        const emailKey = `email:${email}`;
        const ipKey = `ip:${address}`;
        const keys = [emailKey, ipKey];
        const database = await db();
        const now = Date.now();
        // Per account the limit is tight; per address it is looser, since an office
        // behind one NAT shares an address.
        const allowed = await firstBlock([
          checkLoginAllowed(database, [emailKey], now, {
            maxFailures: cfg.GAVEL_LOGIN_MAX_FAILURES,
            windowSeconds: cfg.GAVEL_LOGIN_WINDOW_SECONDS,
          }),
          checkLoginAllowed(database, [ipKey], now, {
            maxFailures: cfg.GAVEL_LOGIN_MAX_FAILURES_PER_ADDRESS,
            windowSeconds: cfg.GAVEL_LOGIN_WINDOW_SECONDS,
          }),
        ]);
        if (!allowed.allowed) {
          await recordSignIn({ email, outcome: "failed", reason: "rate_limited", clientAddress: address });
          throw new Error(`Too many failed sign-in attempts. Try again in ${formatWait(allowed.retryAfterSeconds)}.`);
        }
        // verifyPassword takes the same time whether or not the email exists.
        const check = await verifyPassword(database, email, password);
        if (!check.ok) {
          await recordLoginFailure(database, keys, now);
          await recordSignIn({
            email,
            outcome: "failed",
            reason: check.reason === "disabled" ? "disabled" : "bad_credentials",
            clientAddress: address,
          });
          // One message for a wrong email, a wrong password and a disabled account.
          throw new Error("That email and password do not match an active account.");
        }
        const user = check.user;
        await clearLoginFailures(database, [emailKey]);
        await touchLogin(database, user.id);
        await recordSignIn({ email, outcome: "succeeded", userId: user.id, role: user.role, clientAddress: address });
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ];

  if (cfg.oidcEnabled) {
    const issuer = cfg.OIDC_ISSUER!.replace(/\/$/, "");
    providers.push({
      id: "oidc",
      name: cfg.OIDC_NAME,
      type: "oauth",
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      clientId: cfg.OIDC_CLIENT_ID,
      clientSecret: cfg.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? "", name: profile.name ?? profile.email ?? "" };
      },
    });
  }

  return {
    secret: cfg.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: usesSecureCookies(cfg.NEXTAUTH_URL),
    pages: { signIn: "/login", error: "/login" },
    providers,
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        // SSO only lets in people an admin has provisioned; their role is Gavel's.
        const dbUser = user.email ? await getUserByEmail(await db(), user.email) : undefined;
        if (!dbUser || dbUser.disabled) {
          await recordSignIn({
            email: user.email ?? "",
            outcome: "failed",
            reason: "not_provisioned",
            clientAddress: "sso",
            provider: "oidc",
          });
          return "/login?error=NotProvisioned";
        }
        await touchLogin(await db(), dbUser.id);
        await recordSignIn({
          email: dbUser.email,
          outcome: "succeeded",
          userId: dbUser.id,
          role: dbUser.role,
          clientAddress: "sso",
          provider: "oidc",
        });
        return true;
      },
      async jwt({ token, user, account }) {
        const now = Date.now();
        if (user) {
          const dbUser =
            account?.provider === "oidc" && user.email
              ? await getUserByEmail(await db(), user.email)
              : await getUserById(await db(), user.id);
          if (!dbUser) return { ...token, disabled: true };
          return {
            ...token,
            uid: dbUser.id,
            email: dbUser.email,
            name: dbUser.name,
            role: dbUser.role,
            disabled: dbUser.disabled,
            refreshedAt: now,
          };
        }
        return refreshedToken(token, now);
      },
      session({ session, token }) {
        return { ...session, ...tokenUser(token) };
      },
    },
  };
}
