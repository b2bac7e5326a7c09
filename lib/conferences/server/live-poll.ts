/**
 * The participants poll, as Next's route serves it and as it is handed to the front
 * server's fast path (lib/api/server/poll-fast-path.ts). The route answers from the
 * snapshot's one serialised answer (./live-answer.ts): 304 to a matching
 * If-None-Match, else the shared JSON. Loading this module (the participants route
 * does) registers the bridge (lib/api/server/poll-bridge.ts): every check the route
 * makes, answered from memory, so the front server can answer a poll the same way
 * without Next, and leave to Next whatever it cannot prove.
 */
import "server-only";
import { registerPollBridge, type PollPeek } from "../../api/server/poll-bridge";
import { asJsonReply, type JsonReply } from "../../api/server/handler";
import { takeRateLimit } from "../../api/server/rate-limit";
import { actorNow } from "../../auth/server/session";
import { can, isRole } from "../../auth/permissions";
import { conferencesApi } from "../contract";
import type { ConferenceLiveView } from "../schemas";
import { pollReply } from "../../api/server/poll-reply";
import { preparedPoll } from "./live-answer";
import { getLive, knownLive, peekLive } from "./live";
import { reconcileState } from "./reconcile";
import { countPoll } from "../../metrics/server/registry";

/** The route's answer for one request: the snapshot's shared answer, 304 when the client has it. */
export async function liveReply(conferenceId: string, headers: Headers): Promise<JsonReply<ConferenceLiveView>> {
  const prepared = preparedPoll(await getLive(conferenceId), reconcileState(conferenceId));
  countPoll("route");
  // Next's own compression gzips the answer (it would gzip a gzip'd body again): the
  // route sends it plain, and only the front server's fast path sends the shared gzip.
  const reply = pollReply(prepared, { ifNoneMatch: headers.get("if-none-match"), acceptEncoding: undefined });
  return asJsonReply(new Response(reply.body ? new Uint8Array(reply.body) : null, reply));
}

const settle = (p: Promise<unknown>): Promise<void> =>
  p.then(
    () => undefined,
    () => undefined,
  );

function peek(conferenceId: string, start: boolean): PollPeek {
  const found = peekLive(conferenceId);
  if (found && "value" in found) return { ready: preparedPoll(found.value, reconcileState(conferenceId)) };
  if (found) return { pending: settle(found.pending) };
  // No list for this window: start its fetch, as the route would (getLive), for a
  // conference whose id the route has accepted before; a new one is the route's.
  if (start && knownLive(conferenceId)) return { pending: settle(getLive(conferenceId)) };
  return undefined;
}

registerPollBridge({
  actorFor: (cookieHeader, now) => actorNow(cookieHeader, now) ?? undefined,
  mayRead: (role) => isRole(role) && can(role, conferencesApi.live.permission),
  takeRead: (userId) => takeRateLimit(userId, conferencesApi.live).ok,
  peek: (conferenceId, _now, start) => peek(conferenceId, start),
});
