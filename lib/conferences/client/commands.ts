/**
 * The moderation commands in the browser: mute, unmute, hold, resume and kick one
 * participant, the same in bulk, and ending the meeting. Client-safe.
 *
 * A command in flight is a pending mutation, and nothing else: the rows, the
 * keyboard and the bulk bar all read it from the mutation cache (pending.ts), as
 * the change its `meta.change` names, laid over the polled list with applyPending.
 * The live query's cache holds only what Sinch said: the last poll, plus each
 * command once Sinch accepted it (onSuccess writes it, so a row does not flip back
 * while waiting for the next poll). A command that fails simply stops being
 * pending, so its rows show what the cache holds: rollback is per row and needs no
 * snapshot, and two commands in flight cannot undo each other. The last command on
 * a conference to settle refetches. Screen side effects (toasts) belong to the caller.
 */
import { mutationOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { callApi } from "../../api/fetch";
import { conferencesApi } from "../contract";
import type { ParticipantCommand } from "../../sinch/schemas";
import { conferenceKeys, type BulkAction, type MohClass } from "../schemas";
import { applyPending, bulkTargets, type PendingChange } from "../view";
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
  return { kind: "bulk", action: vars.action, targets: context?.targets ?? vars.callIds ?? [] };
}

/** Writes changes Sinch accepted into the live list, the same way pending ones are shown. */
function confirm(qc: QueryClient, id: string, changes: readonly PendingChange[]): void {
  if (changes.length) editLive(qc, id, (ps) => applyPending(ps, changes).participants);
}

/**
 * A poll already on its way was asked before this command: if it answered after
 * Sinch accepted the command, it would flip the row back until the next poll.
 */
function cancelPolls(qc: QueryClient, id: string): Promise<void> {
  return qc.cancelQueries({ queryKey: conferenceKeys.live(id) });
}

/**
 * After a command: the last command on this conference to settle refetches the live
 * list. On success the promise is returned, so the row stays pending until the list
 * shows Sinch's state (no flicker); on failure the rollback shows at once.
 */
function settle(qc: QueryClient, id: string, failed: boolean): Promise<void> | undefined {
  if (qc.isMutating({ mutationKey: conferenceMutationKeys.commands(id) }) > 1) return undefined;
  const refetch = qc.invalidateQueries({ queryKey: conferenceKeys.live(id) });
  return failed ? undefined : refetch;
}

/** Mute, unmute, hold (with music) or resume one participant. */
export function useParticipantCommand(conferenceId: string) {
  return useMutation(participantCommandOptions(useQueryClient(), conferenceId));
}

export function participantCommandOptions(qc: QueryClient, conferenceId: string) {
  return mutationOptions({
    mutationKey: conferenceMutationKeys.participant(conferenceId),
    meta: meta("command"),
    mutationFn: ({ callId, command, moh }: ParticipantCommandVars) =>
      callApi(conferencesApi.manage, {
        params: { conferenceId, callId },
        body: command === "onhold" && moh ? { command, moh } : { command },
      }),
    onMutate: () => cancelPolls(qc, conferenceId),
    onSuccess: (_data, vars) => confirm(qc, conferenceId, [commandChange(vars)]),
    onSettled: (_data, error) => settle(qc, conferenceId, error !== null),
  });
}

/** Remove one participant from the call. */
export function useKick(conferenceId: string) {
  return useMutation(kickOptions(useQueryClient(), conferenceId));
}

export function kickOptions(qc: QueryClient, conferenceId: string) {
  return mutationOptions({
    mutationKey: conferenceMutationKeys.kick(conferenceId),
    meta: meta("kick"),
    mutationFn: ({ callId, reason }: KickVars) =>
      callApi(conferencesApi.kick, {
        params: { conferenceId, callId },
        body: reason?.trim() ? { reason: reason.trim() } : undefined,
      }),
    onMutate: () => cancelPolls(qc, conferenceId),
    onSuccess: (_data, vars) => confirm(qc, conferenceId, [kickChange(vars)]),
    onSettled: (_data, error) => settle(qc, conferenceId, error !== null),
  });
}

/** One request for many participants; the answer says, per participant, what happened. */
export function useBulk(conferenceId: string) {
  return useMutation(bulkOptions(useQueryClient(), conferenceId));
}

export function bulkOptions(qc: QueryClient, conferenceId: string) {
  return mutationOptions({
    mutationKey: conferenceMutationKeys.bulk(conferenceId),
    meta: meta("bulk"),
    mutationFn: ({ action, moh, reason, callIds, all, except }: BulkVars) =>
      callApi(conferencesApi.bulk, {
        params: { conferenceId },
        body: {
          action,
          ...(action === "hold" && moh ? { moh } : {}),
          ...(action === "kick" && reason?.trim() ? { reason: reason.trim() } : {}),
          ...(all ? { all: true, ...(except?.length ? { except } : {}) } : { callIds: callIds ?? [] }),
        },
      }),
    onMutate: async (vars): Promise<BulkContext> => {
      await cancelPolls(qc, conferenceId);
      return { targets: bulkTargets(liveParticipants(qc, conferenceId), vars) };
    },
    onSuccess: (data, vars) => {
      // Done rows take the action; someone who "left the call" stays gone; any other
      // failure is not written, so the row shows what it was.
      const done = data.results.filter((r) => r.ok).map((r) => r.callId);
      const left = data.results.filter((r) => !r.ok && r.error?.code === "not_found");
      confirm(qc, conferenceId, [
        bulkChange(vars, { targets: done }),
        ...left.map((r): PendingChange => ({ kind: "kick", callId: r.callId })),
      ]);
    },
    onSettled: (data, error) => settle(qc, conferenceId, error !== null || (data?.failed ?? 0) > 0),
  });
}

/**
 * End the meeting: everyone is removed; the answer lists who was, and anyone still
 * there. Not shown as pending on the rows (no `meta.change`): the dialog says it is
 * running, and the rows go when the answer comes.
 */
export function useKickAll(conferenceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: conferenceMutationKeys.kickAll(conferenceId),
    mutationFn: async () => {
      const answer = await callApi(conferencesApi.end, { params: { conferenceId } });
      // Placeholder until the console shows "not confirmed yet" (issue 10, outcomes-ui): say what Gavel said.
      if ("outcome" in answer) throw new Error(answer.message);
      return answer;
    },
    onMutate: () => cancelPolls(qc, conferenceId),
    onSuccess: (data) => {
      const remaining = new Set(data.remaining.map((r) => r.callId));
      editLive(qc, conferenceId, (ps) => ps.filter((p) => remaining.has(p.callId)));
    },
    onSettled: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: conferenceKeys.live(conferenceId) }),
        qc.invalidateQueries({ queryKey: conferenceKeys.list() }),
      ]);
    },
  });
}
