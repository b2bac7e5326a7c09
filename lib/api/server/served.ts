/**
 * What every API response gets, whoever answers it (Gavel's route wrapper or
 * next-auth's own endpoints): a request id in the x-request-id header, the request
 * context (so the log line, the response and any audit row share that id), and one
 * log line with the status and the time taken.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { requestClientAddress } from "../../auth/server/request-address";
import { log } from "../../log/logger";
import { ERROR_STATUS, type ErrorCode } from "../errors";
import { REQUEST_ID_HEADER } from "../fetch";
import { withRequestContext } from "../../log/request-context";
import { countRequest } from "../../metrics/server/registry";

export interface ServedRequest {
  readonly requestId: string;
  readonly clientAddress: string;
  /** Who is asking, once known: it goes into the log line. */
  actorEmail?: string;
  /**
   * The route, for the request metrics: the endpoint's path template, never the raw
   * path (whose ids would make a new series per conference). Unset: "unmatched".
   */
  route?: string;
}

/** The response with the request id header; a response with immutable headers (Response.redirect) is copied. */
function withRequestId(res: Response, requestId: string): Response {
  try {
    res.headers.set(REQUEST_ID_HEADER, requestId);
    return res;
  } catch {
    const copy = new Response(res.body, {
      status: res.status,
      statusText: res.statusText,
      headers: new Headers(res.headers),
    });
    copy.headers.set(REQUEST_ID_HEADER, requestId);
    return copy;
  }
}

/**
 * A failure answered outside the envelope (next-auth's bare 400 for an action it
 * does not have) is put in it: every failure under /api reads the same.
 */
function inEnvelope(res: Response): Response {
  if (res.status < 400 || (res.headers.get("content-type") ?? "").includes("json")) return res;
  const code = (Object.entries(ERROR_STATUS).find(([, s]) => s === res.status)?.[0] ??
    (res.status >= 500 ? "internal" : "validation_failed")) as ErrorCode;
  const message = res.status === 404 ? "No such API route." : `The request was refused (${res.status}).`;
  const headers = new Headers(res.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(JSON.stringify({ error: { code, message } }), { status: ERROR_STATUS[code], headers });
}

/**
 * Serves one request: `answer` runs inside the request context and must not throw
 * (the route wrapper maps its failures to the error envelope before this sees them).
 * `event` names the log line ("api_request", "auth_request"); `answer` names the
 * route for the metrics (`request.route`).
 */
export async function served(
  req: NextRequest,
  event: string,
  answer: (request: ServedRequest) => Promise<Response>,
): Promise<Response> {
  const request: ServedRequest = { requestId: randomUUID(), clientAddress: requestClientAddress(req.headers) };
  const started = performance.now();
  const { requestId, clientAddress } = request;
  const res = withRequestId(
    inEnvelope(await withRequestContext({ requestId, clientAddress }, () => answer(request))),
    requestId,
  );
  countRequest(request.route ?? "unmatched", req.method, res.status, started);
  log(res.status >= 500 ? "error" : "info", event, {
    requestId,
    method: req.method,
    // The path only: query strings can carry OAuth codes (next-auth) or filters that are nobody's business.
    path: req.nextUrl.pathname,
    status: res.status,
    ms: Math.round(performance.now() - started),
    actor: request.actorEmail,
    clientAddress,
  });
  return res;
}
