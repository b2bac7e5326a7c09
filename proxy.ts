// Sends anyone without a session to sign in, and back to where they were afterwards,
// and gives every page its security headers: a Content-Security-Policy with a fresh
// nonce per request (Next reads it from the request's policy and puts it on its own
// scripts), HSTS over https (lib/security/page-proxy.ts).
// The API routes check the session (and role) themselves and answer 401/403 in the envelope.
import type { NextRequest } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { securePage } from "@/lib/security/page-proxy";

export default async function proxy(req: NextRequest): Promise<Response> {
  // undefined when the page may be served (signed in, or /login); else a redirect to sign in.
  const redirect = await withAuth(req as NextRequestWithAuth, { pages: { signIn: "/login" } });
  return securePage(req, redirect ?? undefined);
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.svg|.*\\.(?:png|svg|ico|txt)$).*)"],
};
