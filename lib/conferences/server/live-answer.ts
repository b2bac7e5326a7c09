/**
 * The participants GET's answer, made once per snapshot and shared by every viewer:
 * the JSON body (the cached list and this room's reconciliation), its gzip (made on
 * first use), and a weak ETag. Both the Next route and the front server's fast path
 * (lib/api/server/poll-fast-path.ts) answer from it with the same pollReply
 * (lib/api/server/poll-reply.ts), so they send the same bytes.
 *
 * The ETag covers the list's content and the reconciliation, not `fetchedAt` nor the
 * durations (which grow on their own): a list unchanged across
 * windows keeps its ETag and a conditional poll answers 304 (the browser keeps the
 * durations it has, ticking from when they came). The fetch time travels in a header
 * (LIVE_FETCHED_AT_HEADER), on 304s too; a different body (fetch time, durations)
 * under one ETag is why the ETag is weak.
 */
import "server-only";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { PreparedPoll } from "../../api/server/poll-bridge";
import { LIVE_FETCHED_AT_HEADER, type ConferenceLive, type ReconcileState } from "../schemas";

interface Memo {
  reconcileJson: string;
  prepared: PreparedPoll;
}

// Keyed by the cache's snapshot object: a new fetch or a confirmed command makes a new one.
const memo = new WeakMap<ConferenceLive, Memo>();

function prepare(live: ConferenceLive, reconcile: ReconcileState, reconcileJson: string): PreparedPoll {
  const body = Buffer.from(JSON.stringify({ ...live, ...reconcile }));
  // Sinch's durations grow with every fetch and say nothing else (a call that leaves
  // and comes back has a new callId): the ETag leaves them out, so a room where nothing
  // happened keeps it. (Fetch time − duration is no steadier: Sinch counts whole
  // seconds, so it wanders over a second from fetch to fetch.)
  const content = live.participants.map(({ duration: _duration, ...rest }) => rest);
  const hash = createHash("sha256")
    .update(JSON.stringify([live.conferenceId, content]))
    .update("\u0000")
    .update(reconcileJson)
    .digest("base64url")
    .slice(0, 27);
  let gz: Buffer | undefined;
  return {
    body,
    gzipped: () => (gz ??= gzipSync(body)),
    etag: `W/"${hash}"`,
    headers: { [LIVE_FETCHED_AT_HEADER]: live.fetchedAt },
  };
}

/** The answer for this snapshot and reconciliation; made once, then reused. */
export function preparedPoll(live: ConferenceLive, reconcile: ReconcileState): PreparedPoll {
  // The reconciliation is per room and changes rarely: it is part of the memo's key.
  const reconcileJson = JSON.stringify(reconcile);
  const hit = memo.get(live);
  if (hit && hit.reconcileJson === reconcileJson) return hit.prepared;
  const prepared = prepare(live, reconcile, reconcileJson);
  memo.set(live, { reconcileJson, prepared });
  return prepared;
}
