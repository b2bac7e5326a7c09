/**
 * The moderation commands in the browser: mute, unmute, hold, resume and kick one
 * participant, the same in bulk, and ending the meeting. Client-safe.
 *
 * A command in flight is a pending mutation, and nothing else: the rows, the
 * keyboard and the bulk bar all read it from the mutation cache (pending.ts), as
 * the change its `meta.change` names, laid over the polled list with applyPending.
 * The live query's cache holds only what Sinch said: the last poll, plus each
 * command once Sinch accepted it: Sinch's answer to the command is its
 * confirmation, so the row leaves its pending state when that answer comes (onSuccess
 * writes the change into the list; the server's cache holds it too, so the next poll
 * agrees). A command that fails simply stops being pending, so its rows show what
 * the cache holds: rollback is per row and needs no snapshot, and two commands in
 * flight cannot undo each other. The last command on a conference to settle asks
 * for the list again, in the background, to correct anything else that changed.
 * Screen side effects (toasts) belong to the caller.
 *
 * A command Sinch did not answer readably comes back 202 (outcome unknown): it is
 * not written into the cache (nobody knows it happened); the mutation's answer keeps
 * it, and pending.ts goes on showing its change, marked unconfirmed, until the live
 * list says how Gavel resolved it (outcomes.ts).
 */
import { mutationOptions, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useSteadyMutation } from "../../query/use-steady-mutation";
import { callApi } from "../../api/fetch";
import { conferenceEndpoints as conferencesApi } from "../endpoints";
import type { ParticipantCommand } from "../../sinch/constants";
import { conferenceKeys, type BulkAction, type BulkResponse, type MohClass } from "../types";
import { applyPending, bulkTargets, type PendingChange } from "../view";
import { isAccepted, stampAccepted, type BulkResultOutcome } from "./outcomes";
import { conferenceMutationKeys, editLive, liveParticipants } from "./queries";

/** Which change a command mutation stands for, kept in its `meta` for pending.ts to read. */
export type CommandChange = PendingChange["kind"];
export interface CommandMeta extends Record<string, unknown> {
  change: CommandChange;
}
const meta = (change: CommandChange): CommandMeta => ({ change });

export interface ParticipantCommandVars {
  callId: string;
  command: ParticipantCommand;
  /** Only with "onhold". */
  moh?: MohClass;
}

export interface KickVars {
  callId: string;
  reason?: string;
}

export interface BulkVars {
  action: BulkAction;
  moh?: MohClass;
  reason?: string;
  callIds?: string[];
  all?: true;
  except?: string[];
}

/** What onMutate of a bulk request learnt: who "all" meant, against the list on screen. */
export interface BulkContext {
  targets: string[];
}

/** The change a participant command makes, pending or confirmed. */
export function commandChange({ callId, command, moh }: ParticipantCommandVars): PendingChange {
  return { kind: "command", callId, command, moh };
}

export function kickChange({ callId }: KickVars): PendingChange {
  return { kind: "kick", callId };
}

/** Before onMutate has resolved "all" against the list, explicit ids are all there is. */
export function bulkChange(vars: BulkVars, context: BulkContext | undefined): PendingChange {
  return {
    kind: "bulk",
    action: vars.action,
    targets: context?.targets ?? vars.callIds ?? [],
    ...(vars.action === "hold" && vars.moh ? { moh: vars.moh } : {}),
  };
}

/** Writes changes Sinch accepted into the live list, the same way pending ones are shown. */
function confirm(qc: QueryClient, id: string, changes: readonly PendingChange[]): void {
  if (!changes.length) return;
  cancelPolls(qc, id);
  editLive(qc, id, (ps) => applyPending(ps, changes).participants);
}

/**
 * A poll already on its way may have been asked before Sinch accepted a command: if
 * it answered after, it would flip the row back until the next poll. Cancelled when
 * the command starts and again when Sinch's answer comes, without waiting: the
 * command's request and its edit of the list never wait for a cancellation.
 */
function cancelPolls(qc: QueryClient, id: string): void {
  void qc.cancelQueries({ queryKey: conferenceKeys.live(id) });
}

/**
 * After a command: the last command on this conference to settle asks for the live
 * list again, in the background. Nothing waits for it: a confirmed command is already
 * in the list (confirm), a failed one shows its rollback at once, and one whose
 * outcome is unknown (a 202) turns "not confirmed yet" at once.
 */
function settle(qc: QueryClient, id: string): void {
  if (qc.isMutating({ mutationKey: conferenceMutationKeys.commands(id) }) > 1) return;
  void qc.invalidateQueries({ queryKey: conferenceKeys.live(id) });
}

/** Mute, unmute, hold (with music) or resume one participant. */
export function useParticipantCommand(conferenceId: string) {
  const qc = useQueryClient();
  return useSteadyMutation(() => participantCommandOptions(qc, conferenceId), [qc, conferenceId]);
}

export function participantCommandOptions(qc: QueryClient, conferenceId: string) {
  return mutationOptions({
    mutationKey: conferenceMutationKeys.participant(conferenceId),
    meta: meta("command"),
    mutationFn: async ({ callId, command, moh }: ParticipantCommandVars) =>
      stampAccepted(
        await callApi(conferencesApi.manage, {
          params: { conferenceId, callId },
          body: command === "onhold" && moh ? { command, moh } : { command },
        }),
      ),
    onMutate: () => cancelPolls(qc, conferenceId),
    onSuccess: (data, vars) => {
      if (!isAccepted(data)) confirm(qc, conferenceId, [commandChange(vars)]);
    },
    onSettled: () => settle(qc, conferenceId),
  });
}

/** Remove one participant from the call. */
export function useKick(conferenceId: string) {
  const qc = useQueryClient();
  return useSteadyMutation(() => kickOptions(qc, conferenceId), [qc, conferenceId]);
}

export function kickOptions(qc: QueryClient, conferenceId: string) {
  return mutationOptions({
    mutationKey: conferenceMutationKeys.kick(conferenceId),
    meta: meta("kick"),
    mutationFn: async ({ callId, reason }: KickVars) =>
      stampAccepted(
        await callApi(conferencesApi.kick, {
          params: { conferenceId, callId },
          body: reason?.trim() ? { reason: reason.trim() } : undefined,
        }),
      ),
    onMutate: () => cancelPolls(qc, conferenceId),
    onSuccess: (data, vars) => {
      if (!isAccepted(data)) confirm(qc, conferenceId, [kickChange(vars)]);
    },
    onSettled: () => settle(qc, conferenceId),
  });
}

/** A bulk answer, with when it came (optional: a test may answer without it). */
export type BulkAnswer = BulkResponse & { answeredAt?: number };

/** One request for many participants; the answer says, per participant, what happened. */
export function useBulk(conferenceId: string) {
  const qc = useQueryClient();
  return useSteadyMutation(() => bulkOptions(qc, conferenceId), [qc, conferenceId]);
}

export function bulkOptions(qc: QueryClient, conferenceId: string) {
  return mutationOptions({
    mutationKey: conferenceMutationKeys.bulk(conferenceId),
    meta: meta("bulk"),
    mutationFn: async ({ action, moh, reason, callIds, all, except }: BulkVars): Promise<BulkAnswer> => ({
      ...(await callApi(conferencesApi.bulk, {
        params: { conferenceId },
        body: {
          action,
          ...(action === "hold" && moh ? { moh } : {}),
          ...(action === "kick" && reason?.trim() ? { reason: reason.trim() } : {}),
          ...(all ? { all: true, ...(except?.length ? { except } : {}) } : { callIds: callIds ?? [] }),
        },
      })),
      // For the rows whose outcome is unknown: when the answer came (pending.ts).
      answeredAt: Date.now(),
    }),
    onMutate: (vars): BulkContext => {
      cancelPolls(qc, conferenceId);
      return { targets: bulkTargets(liveParticipants(qc, conferenceId), vars) };
    },
    onSuccess: (data, vars) => {
      // Done rows take the action; someone who "left the call" stays gone; any other
      // failure is not written, so the row shows what it was; a row whose outcome is
      // unknown is shown unconfirmed by pending.ts.
      const done = data.results.filter((r) => r.ok).map((r) => r.callId);
      const left = data.results.filter(
        (r) => !r.ok && (r as BulkResultOutcome).outcome !== "unknown" && r.error?.code === "not_found",
      );
      confirm(qc, conferenceId, [
        bulkChange(vars, { targets: done }),
        ...left.map((r): PendingChange => ({ kind: "kick", callId: r.callId })),
      ]);
    },
    onSettled: () => settle(qc, conferenceId),
  });
}

/**
 * End the meeting: everyone is removed; the answer lists who was, and anyone still
 * there. Not shown as pending on the rows (no `meta.change`): the dialog says it is
 * running, and the rows go when the answer comes.
 */
export function useKickAll(conferenceId: string) {
  const qc = useQueryClient();
  return useSteadyMutation(
    () => ({
      mutationKey: conferenceMutationKeys.kickAll(conferenceId),
      mutationFn: async () => stampAccepted(await callApi(conferencesApi.end, { params: { conferenceId } })),
      onMutate: () => cancelPolls(qc, conferenceId),
      onSuccess: (data) => {
        // 202: nobody knows yet who is gone; the polls show it, and the summary says so.
        if (isAccepted(data)) return;
        const remaining = new Set(data.remaining.map((r) => r.callId));
        cancelPolls(qc, conferenceId);
        editLive(qc, conferenceId, (ps) => ps.filter((p) => remaining.has(p.callId)));
      },
      onSettled: async (data) => {
        const refetch = Promise.all([
          qc.invalidateQueries({ queryKey: conferenceKeys.live(conferenceId) }),
          qc.invalidateQueries({ queryKey: conferenceKeys.list() }),
        ]);
        // A 202: the summary says Gavel is checking the room at once, not after the next list.
        if (!isAccepted(data)) await refetch;
      },
    }),
    [qc, conferenceId],
  );
}
