/**
 * Callouts whose placement is unknown: Sinch did not answer the POST readably, so
 * the phone may be ringing. A conference callout is decided from the room, by the
 * reconciler that watches moderation commands: its number appears there (as a
 * participant who joined after the callout was sent) → placed, and it is followed
 * as "joined" from then on with that callId; not there three poll windows after
 * the first successful list → not placed. Other callouts cannot be seen anywhere
 * and stay "may have been placed" until someone retries them knowingly.
 */
import "server-only";
import { listUnresolvedAudits, resolveAudit } from "../../audit/server/record";
import { expect, isWatchingOutcome } from "../../conferences/server/reconcile";
import type { ConferenceLive } from "../../conferences/schemas";
import { log } from "../../log/logger";
import { resolvePlacement, type Callout } from "./store";

/** How a callout reads an unknown placement: what the person sees, in Gavel's words. */
export const PLACEMENT_UNKNOWN_MESSAGE =
  "Sinch did not answer in time, so the call may have been placed; Gavel is checking the conference";

/** The callee, if the list shows them having joined since the callout was sent. */
function joinedSince(live: ConferenceLive, number: string, sentAt: number): string | null {
  const fetchedAt = Date.parse(live.fetchedAt);
  // One second of slack: Sinch reports whole seconds.
  const arrivedAfter = (p: { duration: number }) => fetchedAt - p.duration * 1000 >= sentAt - 1000;
  return live.participants.find((p) => p.cli === number && arrivedAfter(p))?.callId ?? null;
}

/** Watches a conference callout whose placement is unknown (idempotent: once per callout). */
export function watchUnknownPlacement(callout: Callout, auditId: string | null, sentAt: number): void {
  const conferenceId = callout.conferenceId;
  if (callout.state !== "unknown" || conferenceId === null) return;
  const key = `callout:${callout.id}`;
  if (isWatchingOutcome(key)) return;
  let callId: string | null = null;
  expect({
    key,
    conferenceId,
    at: sentAt,
    seen: (live) => {
      callId = joinedSince(live, callout.destination, sentAt);
      return callId ? `placed: ${callout.destination} seen in the conference at ${live.fetchedAt}` : null;
    },
    notSeen: () => `${callout.destination} never appeared in the conference`,
    decide: async (outcome, note, at) => {
      await resolvePlacement(
        callout.id,
        outcome === "succeeded" && callId
          ? { placed: true, callId }
          : { placed: false, message: `Not placed: ${callout.destination} never joined the conference.` },
      );
      // Watched again after a restart (by the follower), the audit id is found from the callout's id.
      const id =
        auditId ?? (await listUnresolvedAudits()).find((a) => a.params?.calloutId === callout.id)?.auditId ?? null;
      if (id) await resolveAudit(id, outcome, { by: "reconciliation", note, at });
      log("info", "callout_placement_decided", { calloutId: callout.id, outcome });
    },
  });
}
