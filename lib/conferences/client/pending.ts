/**
 * What is pending on a conference, in one place: the commands still on their way
 * to Sinch are pending mutations (commands.ts), each the change its `meta.change`
 * names. The rows, the keyboard and the bulk bar read them here, laid over the
 * polled list with applyPending: TanStack Query's "via the UI" optimistic update
 * (useMutationState), so nothing has to be rolled back when a command fails.
 *
 * A command Sinch did not confirm (202, outcome unknown) is the same change laid
 * over the list, marked unconfirmed: from this tab's answered mutations, and from
 * the server's `unconfirmed` list, until the live list says it was resolved
 * (outcomes.ts). One representation, two states: in flight, and unconfirmed.
 * Client-safe.
 */
import { useMutationState, useQueryClient, type Mutation, type QueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { conferenceKeys, type BulkAction, type LiveParticipant } from "../types";
import { actionOfCommand } from "../actions";
import { StableRows, type PolledList, type ShownParticipant } from "../stable-rows";
import { applyPending, type PendingChange } from "../view";
import {
  bulkChange,
  commandChange,
  kickChange,
  type BulkContext,
  type BulkVars,
  type KickVars,
  type ParticipantCommandVars,
} from "./commands";
import {
  isAccepted,
  mergeUnconfirmed,
  unconfirmedChange,
  type BulkResultOutcome,
  type UnconfirmedItem,
} from "./outcomes";
import { conferenceMutationKeys, liveParticipants, type LiveSnapshot } from "./queries";

type AnyMutation = Mutation<unknown, Error, unknown, unknown>;

/**
 * The change a command mutation stands for, or null for one the rows do not show
 * (end the meeting). The variables' type follows from `meta.change`, which the
 * hook that built the mutation set beside them.
 */
function changeOf(mutation: AnyMutation): PendingChange | null {
  const vars = mutation.state.variables;
  if (!vars || typeof vars !== "object") return null;
  switch (mutation.options.meta?.change) {
    case "command":
      return commandChange(vars as ParticipantCommandVars);
    case "kick":
      return kickChange(vars as KickVars);
    case "bulk":
      return bulkChange(vars as BulkVars, mutation.state.context as BulkContext | undefined);
    default:
      return null;
  }
}

const pendingFilter = (conferenceId: string) =>
  ({ mutationKey: conferenceMutationKeys.commands(conferenceId), status: "pending" }) as const;

const answeredFilter = (conferenceId: string) =>
  ({ mutationKey: conferenceMutationKeys.commands(conferenceId), status: "success" }) as const;

/** The commands of an answered mutation whose outcome Sinch left unknown (none for most). */
function unknownOf(mutation: AnyMutation): UnconfirmedItem[] {
  const data = mutation.state.data;
  const vars = mutation.state.variables;
  if (!data || typeof data !== "object" || !vars || typeof vars !== "object") return [];
  const answeredAt = (data as { answeredAt?: number }).answeredAt ?? mutation.state.submittedAt;
  const one = (callId: string | null, action: UnconfirmedItem["action"], requestId?: string): UnconfirmedItem => ({
    requestId,
    callId,
    action,
    answeredAt,
    change: unconfirmedChange({ callId, action, requestId: requestId ?? "bulk" }),
  });
  if (mutation.options.mutationKey?.at(-1) === "kick-all")
    return isAccepted(data) ? [one(null, "kick_all", data.requestId)] : [];
  switch (mutation.options.meta?.change) {
    case "command":
      return isAccepted(data)
        ? [
            one(
              (vars as ParticipantCommandVars).callId,
              actionOfCommand((vars as ParticipantCommandVars).command),
              data.requestId,
            ),
          ]
        : [];
    case "kick":
      return isAccepted(data) ? [one((vars as KickVars).callId, "kick", data.requestId)] : [];
    case "bulk": {
      const results = (data as { results?: BulkResultOutcome[] }).results ?? [];
      const action = (vars as BulkVars).action;
      return results.filter((r) => r.outcome === "unknown").map((r) => one(r.callId, action));
    }
    default:
      return [];
  }
}

/** What is unconfirmed on this conference now, read from the caches. */
export function readUnconfirmed(qc: QueryClient, conferenceId: string): UnconfirmedItem[] {
  const mine = qc
    .getMutationCache()
    .findAll(answeredFilter(conferenceId))
    .flatMap((m) => unknownOf(m as AnyMutation));
  return mergeUnconfirmed(mine, qc.getQueryData<LiveSnapshot>(conferenceKeys.live(conferenceId)));
}

const changesOf = (items: readonly UnconfirmedItem[]) =>
  items.map((i) => i.change).filter((c): c is PendingChange => c !== null);

/** The commands on this conference in flight now, oldest first, read from the cache. */
export function readPendingChanges(qc: QueryClient, conferenceId: string): PendingChange[] {
  return qc
    .getMutationCache()
    .findAll(pendingFilter(conferenceId))
    .map((m) => changeOf(m as AnyMutation))
    .filter((c): c is PendingChange => c !== null);
}

/** The live list as it will be once the commands in flight (and unconfirmed) land, read from the caches now. */
export function readIntendedParticipants(qc: QueryClient, conferenceId: string): LiveParticipant[] {
  return applyPending(liveParticipants(qc, conferenceId), [
    ...changesOf(readUnconfirmed(qc, conferenceId)),
    ...readPendingChanges(qc, conferenceId),
  ]).participants;
}

export interface LiveView {
  /**
   * The polled list as it will be once the commands in flight land. A participant
   * nothing changed about since the last poll is the same object (stable-rows.ts),
   * through the overlay too, so its memoised row does not re-render.
   */
  participants: ShownParticipant[];
  /** Rows a command in flight touches: they show "Waiting for Sinch". */
  pendingIds: ReadonlySet<string>;
  /** Rows a command Sinch has not confirmed touches: "Sinch has not confirmed yet". */
  unconfirmedIds: ReadonlySet<string>;
  /** Every command whose outcome is still unknown (kick_all included), for the notices and the summary. */
  unconfirmed: readonly UnconfirmedItem[];
  /** The bulk request in flight, for the bulk bar ("Muting 23…"). */
  bulk: { action: BulkAction; count: number } | null;
  /**
   * The same intended list, read now from the caches rather than from the last
   * render: a key pressed twice in quick succession ("m", "m") must see the first
   * press, which the screen may not show yet.
   */
  readIntended(): LiveParticipant[];
}

/**
 * The poll whose durations the list carries: after a 304 the list is the one the
 * server sent earlier, so its durations count from that answer (its fetch time and
 * when it arrived), not from the 304's; read from the 304, every call would seem to
 * have started a window later.
 */
export function durationsOf(live: LiveSnapshot): PolledList {
  return {
    participants: live.participants,
    fetchedAt: live.served?.view.fetchedAt ?? live.fetchedAt,
    receivedAt: live.durationsAt ?? live.receivedAt,
  };
}

/** The live list with what is pending on it, for the console. */
export function useLiveView(conferenceId: string, live: LiveSnapshot | undefined): LiveView {
  const qc = useQueryClient();
  const [stable] = useState(() => new StableRows());
  const polled = useMemo(() => (live ? stable.rows(durationsOf(live)) : []), [live, stable]);
  // useMutationState keeps its result referentially stable while nothing changes.
  const changes = useMutationState({
    filters: pendingFilter(conferenceId),
    select: (mutation) => changeOf(mutation as AnyMutation),
  });
  const pending = useMemo(() => changes.filter((c): c is PendingChange => c !== null), [changes]);
  const answered = useMutationState({
    filters: answeredFilter(conferenceId),
    select: (mutation) => unknownOf(mutation as AnyMutation),
  });
  const unconfirmed = useMemo(() => mergeUnconfirmed(answered.flat(), live), [answered, live]);
  // Unconfirmed first: a command in flight on the same row is newer and wins.
  const { participants, pendingIds, unconfirmedIds } = useMemo(
    () => applyPending(polled, [...changesOf(unconfirmed), ...pending]),
    [polled, pending, unconfirmed],
  );
  const bulk = useMemo(() => {
    const change = pending.find((c) => c.kind === "bulk");
    return change?.kind === "bulk" ? { action: change.action, count: change.targets.length } : null;
  }, [pending]);
  const readIntended = useCallback(() => readIntendedParticipants(qc, conferenceId), [qc, conferenceId]);
  return { participants, pendingIds, unconfirmedIds, unconfirmed, bulk, readIntended };
}
