/**
 * The participants poll answered by the front server (./front-server.ts) without
 * Next's router: `GET /api/conferences/:id/participants`, when everything the route
 * would check is proven from memory through the bridge (./poll-bridge.ts, registered
 * by lib/conferences/server/live-poll.ts when the route first loads):
 *
 * - no Authorization header (an API token's poll goes to the route, which checks it);
 * - a session cookie decoded within the last few seconds whose session state is
 *   cached and fresh and still stands (not revoked, not disabled, same generation):
 *   the decode and the state are populated by the route's own requests, so a new
 *   session's first poll, and the first after each ≤ 5 s window, goes through Next;
 * - a role that may read participants;
 * - a snapshot of the current poll window, or a fetch for it in flight, or (for a
 *   conference the route has served before) a fetch it starts as the route would:
 *   the request waits for it here, then is judged again, so concurrent viewers
 *   coalesce at the front door instead of queueing through Next;
 * - one read counted against the user's rate limit, the route's own buckets (taken
 *   last, so a request handed to Next is never counted twice; over the limit, Next
 *   answers the 429).
 *
 * The answer is the route's: the same shared serialised body and ETag (304 to a
 * matching If-None-Match), the same headers (the static security headers and API
 * policy next.config.js adds, the role, x-request-id) and the same log line. Anything
 * not proven goes to Next unchanged.
 *
 * No `import "server-only"`: this runs in the front server, outside Next's bundler.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ROLE_HEADER } from "../../auth/role-signal";
import { log } from "../../log/logger";
import { countPoll, countRequest } from "../../metrics/server/registry";
import { API_CSP, staticSecurityHeaders } from "../../security/headers";
import { REQUEST_ID_HEADER } from "../fetch";
import { pollBridge, type BridgeActor, type PreparedPoll } from "./poll-bridge";
import { acceptsGzip, pollReply } from "./poll-reply";

// An id as it arrives raw: only characters Next would pass through undecoded.
const PATH = /^\/api\/conferences\/([A-Za-z0-9._~-]{1,64})\/participants$/;

/** The headers next.config.js adds to every API answer, as Next sends them. */
const NEXT_API_HEADERS: Record<string, string> = Object.fromEntries([
  ...staticSecurityHeaders().map(({ key, value }) => [key.toLowerCase(), value]),
  ["content-security-policy", API_CSP],
]);

type Judged =
  | { kind: "answer"; actor: BridgeActor; prepared: PreparedPoll }
  | { kind: "wait"; pending: Promise<void> }
  | { kind: "next" };

function conferenceIdOf(req: IncomingMessage): string | undefined {
  if (req.method !== "GET") return undefined;
  // A request with a body is Next's to read (and drain).
  if (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0") return undefined;
  if (req.headers["transfer-encoding"] !== undefined) return undefined;
  // Next's compression would deflate for a client that takes deflate but not gzip: Next's to answer.
  const encodings = req.headers["accept-encoding"];
  if (encodings && /deflate/i.test(encodings) && !acceptsGzip(encodings)) return undefined;
  return PATH.exec(req.url ?? "")?.[1];
}

/** Everything the route would check, from memory; "next" whenever something is not proven. */
function judge(req: IncomingMessage, conferenceId: string, mayWait: boolean): Judged {
  const bridge = pollBridge();
  if (!bridge) return { kind: "next" };
  // An API token's request is judged by the route (lib/auth/server/api-token.ts).
  if (req.headers.authorization !== undefined) return { kind: "next" };
  const now = Date.now();
  const actor = bridge.actorFor(req.headers.cookie, now);
  if (!actor || !bridge.mayRead(actor.role)) return { kind: "next" };
  const found = bridge.peek(conferenceId, now, mayWait);
  if (!found) return { kind: "next" };
  if ("pending" in found) return mayWait ? { kind: "wait", pending: found.pending } : { kind: "next" };
  if (!bridge.takeRead(actor.id)) return { kind: "next" };
  return { kind: "answer", actor, prepared: found.ready };
}

function answer(
  req: IncomingMessage,
  res: ServerResponse,
  judged: { actor: BridgeActor; prepared: PreparedPoll },
  started: number,
  clientAddress: () => string,
): void {
  const requestId = randomUUID();
  const reply = pollReply(judged.prepared, {
    ifNoneMatch: req.headers["if-none-match"],
    acceptEncoding: req.headers["accept-encoding"],
  });
  res.writeHead(reply.status, {
    ...NEXT_API_HEADERS,
    ...reply.headers,
    [ROLE_HEADER]: judged.actor.role,
    [REQUEST_ID_HEADER]: requestId,
  });
  res.end(reply.body ?? undefined);
  countRequest("/api/conferences/:conferenceId/participants", "GET", reply.status, started);
  countPoll("fast_path");
  // The route's log line (lib/api/server/served.ts), field for field.
  log("info", "api_request", {
    requestId,
    method: "GET",
    path: req.url,
    status: reply.status,
    ms: Math.round(performance.now() - started),
    actor: judged.actor.email,
    clientAddress: clientAddress(),
  });
}

/**
 * Serves the request if it is a participants poll the fast path can prove; returns
 * false (having done nothing) when Next must serve it. A request that waits for the
 * window's fetch is answered here afterwards, or handed to `next` if it then cannot be.
 */
export function servePollFast(
  req: IncomingMessage,
  res: ServerResponse,
  started: number,
  next: () => void,
  clientAddress: () => string,
): boolean {
  const conferenceId = conferenceIdOf(req);
  if (conferenceId === undefined) return false;
  const judged = judge(req, conferenceId, true);
  if (judged.kind === "next") return false;
  if (judged.kind === "answer") {
    answer(req, res, judged, started, clientAddress);
    return true;
  }
  void judged.pending.then(() => {
    // Judged again: the session, the window and the rate limit as they are now.
    const after = judge(req, conferenceId, false);
    if (after.kind === "answer") answer(req, res, after, started, clientAddress);
    else next();
  });
  return true;
}
