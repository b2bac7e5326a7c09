/**
 * What is pending on a conference, in one place: the commands still on their way
 * to Sinch are pending mutations (commands.ts), each the change its `meta.change`
 * names. The rows, the keyboard and the bulk bar read them here, laid over the
 * polled list with applyPending: TanStack Query's "via the UI" optimistic update
 * (useMutationState), so nothing has to be rolled back when a command fails.
 * Client-safe.
 */
import { useMutationState, useQueryClient, type Mutation, type QueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import type { BulkAction, LiveParticipant } from "../schemas";
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

/** The commands on this conference in flight now, oldest first, read from the cache. */
export function readPendingChanges(qc: QueryClient, conferenceId: string): PendingChange[] {
  return qc
    .getMutationCache()
    .findAll(pendingFilter(conferenceId))
    .map((m) => changeOf(m as AnyMutation))
    .filter((c): c is PendingChange => c !== null);
}

/** The live list as it will be once the commands in flight land, read from the caches now. */
export function readIntendedParticipants(qc: QueryClient, conferenceId: string): LiveParticipant[] {
  return applyPending(liveParticipants(qc, conferenceId), readPendingChanges(qc, conferenceId)).participants;
}

export interface LiveView {
  /** The polled list as it will be once the commands in flight land. */
  participants: LiveParticipant[];
  /** Rows a command in flight touches: they show "Waiting for Sinch". */
  pendingIds: ReadonlySet<string>;
  /** The bulk request in flight, for the bulk bar ("Muting 23…"). */
  bulk: { action: BulkAction; count: number } | null;
  /**
   * The same intended list, read now from the caches rather than from the last
   * render: a key pressed twice in quick succession ("m", "m") must see the first
   * press, which the screen may not show yet.
   */
  readIntended(): LiveParticipant[];
}

/** The live list with what is pending on it, for the console. */
export function useLiveView(conferenceId: string, live: LiveSnapshot | undefined): LiveView {
  const qc = useQueryClient();
  // useMutationState keeps its result referentially stable while nothing changes.
  const changes = useMutationState({
    filters: pendingFilter(conferenceId),
    select: (mutation) => changeOf(mutation as AnyMutation),
  });
  const pending = useMemo(() => changes.filter((c): c is PendingChange => c !== null), [changes]);
  const { participants, pendingIds } = useMemo(() => applyPending(live?.participants ?? [], pending), [live, pending]);
  const bulk = useMemo(() => {
    const change = pending.find((c) => c.kind === "bulk");
    return change?.kind === "bulk" ? { action: change.action, count: change.targets.length } : null;
  }, [pending]);
  const readIntended = useCallback(() => readIntendedParticipants(qc, conferenceId), [qc, conferenceId]);
  return { participants, pendingIds, bulk, readIntended };
}
