// GET/POST /api/auth/*: next-auth's own endpoints (sign-in, sign-out, session, CSRF).
// Wrapped so they carry an x-request-id and log one line like every other API
// response; a sign-in's audit entry gets the same id (lib/auth/server/sign-in-events.ts).
import { randomUUID } from "node:crypto";
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { REQUEST_ID_HEADER } from "@/lib/api/fetch";
import { withRequestContext } from "@/lib/log/request-context";
import { authOptions } from "@/lib/auth/server/options";
import { clientAddressFromHeaders } from "@/lib/auth/client-address";
import { log } from "@/lib/log/logger";

async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  const requestId = randomUUID();
  const clientAddress = clientAddressFromHeaders(req.headers);
  const started = performance.now();
  let res = (await withRequestContext({ requestId, clientAddress }, () =>
    NextAuth(req as never, ctx as never, authOptions()),
  )) as Response;
  try {
    res.headers.set(REQUEST_ID_HEADER, requestId);
  } catch {
    // Some responses (Response.redirect) have immutable headers: copy them.
    res = new Response(res.body, { status: res.status, statusText: res.statusText, headers: new Headers(res.headers) });
    res.headers.set(REQUEST_ID_HEADER, requestId);
  }
  log(res.status >= 500 ? "error" : "info", "auth_request", {
    requestId,
    method: req.method,
    // The path only: next-auth's query strings can carry OAuth codes.
    path: req.nextUrl.pathname,
    status: res.status,
    ms: Math.round(performance.now() - started),
    clientAddress,
  });
  return res;
}

export { handler as GET, handler as POST };
