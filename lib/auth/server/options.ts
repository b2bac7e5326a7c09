/**
 * next-auth v4 configuration: credentials sign-in against Gavel's users, optional
 * OpenID Connect single sign-on for provisioned users, JWT sessions that carry their
 * user's session generation and their own id, checked on every request
 * (lib/auth/server/session-state.ts) so that they can be ended.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { config } from "../../config/env";
import { db } from "../../db";
import { readSessionState } from "../../db/sessions";
import { getUserByEmail, getUserById, touchLogin } from "../../db/users";
import { authorizeCredentials } from "./credentials";
import { endSession } from "./end-sessions";
import { recordSignIn } from "./sign-in-events";
import { checkedToken, tokenUser, usesSecureCookies } from "./token";

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

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
      authorize: (credentials) => authorizeCredentials(credentials),
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
          const state = dbUser && (await readSessionState(await db(), dbUser.id, now));
          if (!dbUser || !state) return { ...token, disabled: true };
          return {
            ...token,
            uid: dbUser.id,
            email: dbUser.email,
            name: dbUser.name,
            role: dbUser.role,
            disabled: dbUser.disabled,
            gen: state.generation,
            sid: randomUUID(),
          };
        }
        return checkedToken(token, now);
      },
      session({ session, token }) {
        return { ...session, ...tokenUser(token) };
      },
    },
    events: {
      // Signing out ends this session on the server too: a copy of its cookie stops working.
      async signOut({ token }) {
        await endSession(token);
      },
    },
  };
}
