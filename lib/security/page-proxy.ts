/**
 * The page half of proxy.ts: a fresh nonce per request, the page's policy on the
 * request (Next applies the nonce to its scripts from it; app/layout.tsx reads the
 * nonce from NONCE_HEADER) and on the answer, and HSTS when NEXTAUTH_URL is https.
 */
import { NextResponse, type NextRequest } from "next/server";
import { config } from "../config/env";
import { NONCE_HEADER, newNonce, pageSecurityHeaders } from "./headers";

/** The page answer for `req`: `early` (a redirect to sign in) with the headers, or the page itself. */
export function securePage(req: NextRequest, early?: Response): Response {
  const nonce = newNonce();
  const cfg = config();
  const headers = pageSecurityHeaders({ nonce, publicUrl: cfg.NEXTAUTH_URL, dev: cfg.NODE_ENV === "development" });
  let res: Response;
  if (early) {
    res = early;
  } else {
    const requestHeaders = new Headers(req.headers);
    requestHeaders.set(NONCE_HEADER, nonce);
    requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"] ?? "");
    res = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [key, value] of Object.entries(headers)) res.headers.set(key, value);
  return res;
}
