// GET/POST /api/auth/*: next-auth's own endpoints (sign-in, sign-out, session, CSRF).
// Served like every other API response (x-request-id, one log line); a sign-in's
// audit entry gets the same id (lib/auth/server/sign-in-events.ts). Credentials
// sign-ins pass the throttling gate first (lib/auth/server/sign-in-gate.ts).
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { served } from "@/lib/api/server/served";
import { authOptions } from "@/lib/auth/server/options";
import { guardSignIn } from "@/lib/auth/server/sign-in-gate";

function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return served(req, "auth_request", (request) => {
    request.route = "/api/auth/*";
    return guardSignIn(
      req,
      request.clientAddress,
      async () => (await NextAuth(req as never, ctx as never, authOptions())) as Response,
    );
  });
}

export { handler as GET, handler as POST };
