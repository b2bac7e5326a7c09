/**
 * The conference feature's data in the browser: queries (the list, one record, the
 * live participants, polled) and mutations (participant commands, bulk, end the
 * meeting, rename and pin). Client-safe: no server imports.
 *
 * Mutations follow one pattern: onMutate cancels the live query, snapshots the rows
 * it touches and sets their new state; onError puts those rows back; onSettled
 * invalidates. Rollback is per row, not a whole-list snapshot, so two commands in
 * flight at once cannot undo each other. Screen side effects (toasts) belong to the
 * caller.
 */
import {
  useMutation,
  useMutationState,
  useQuery,
  useQueryClient,
  type Mutation,
  type QueryClient,
} from "@tanstack/react-query";
import { useMemo } from "react";
import { apiFetch } from "../../api/fetch";
import type { ParticipantCommand } from "../../sinch/schemas";
import {
  conferenceKeys,
  type BulkAction,
  type BulkResponse,
  type ConferenceLive,
  type ConferenceSummary,
  type KickAllResponse,
  type LiveParticipant,
  type MohClass,
} from "../schemas";
import { commandOf } from "../actions";
import { applyCommand, applyPending, bulkTargets, type PendingChange } from "../view";

const enc = encodeURIComponent;

/** Gavel's conference API; every path segment is encoded (ids may hold "/", "%", "#", "?"). */
export const conferenceUrls = {
  list: () => "/api/conferences",
  one: (id: string) => `/api/conferences/${enc(id)}`,
  participants: (id: string) => `/api/conferences/${enc(id)}/participants`,
  participant: (id: string, callId: string) => `/api/conferences/${enc(id)}/participants/${enc(callId)}`,
  bulk: (id: string) => `/api/conferences/${enc(id)}/bulk`,
};

export { conferenceHref } from "../href";

/** Mutation keys: every command on one conference shares a prefix, so the last one to settle refetches. */
export const conferenceMutationKeys = {
  commands: (id: string) => [...conferenceKeys.all, "commands", id] as const,
  participant: (id: string) => [...conferenceMutationKeys.commands(id), "participant"] as const,
  kick: (id: string) => [...conferenceMutationKeys.commands(id), "kick"] as const,
  bulk: (id: string) => [...conferenceMutationKeys.commands(id), "bulk"] as const,
  kickAll: (id: string) => [...conferenceMutationKeys.commands(id), "kick-all"] as const,
  update: () => [...conferenceKeys.all, "update"] as const,
};

/** The live list as this browser holds it: when it arrived here, for "updated 3 s ago" and ticking durations. */
export interface LiveSnapshot extends ConferenceLive {
  /** Date.now() when this browser received the list (optimistic edits keep it). */
  receivedAt: number;
}

export const LIST_REFRESH_MS = 5000;

// ------------------------------------------------------------------ queries

export function useConferences(refetchIntervalMs = LIST_REFRESH_MS) {
  return useQuery({
    queryKey: conferenceKeys.list(),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ conferences: ConferenceSummary[] }>(conferenceUrls.list(), { signal })).conferences,
    refetchInterval: refetchIntervalMs,
    refetchIntervalInBackground: false,
  });
}

/** Gavel's record of one conference (name, pin, last seen); a 404 means it has none yet. */
export function useConference(id: string) {
  return useQuery({
    queryKey: conferenceKeys.detail(id),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ conference: ConferenceSummary }>(conferenceUrls.one(id), { signal })).conference,
  });
}

/**
 * Who is connected, polled every `intervalMs` while the page is visible. A failed
 * poll is not retried (the next poll is the retry) and keeps the last list: the
 * query's `data` stays while `error` says why it is stale.
 */
export function useConferenceLive(id: string, intervalMs: number) {
  return useQuery({
    queryKey: conferenceKeys.live(id),
    queryFn: async ({ signal }): Promise<LiveSnapshot> => ({
      ...(await apiFetch<ConferenceLive>(conferenceUrls.participants(id), { signal })),
      receivedAt: Date.now(),
    }),
    refetchInterval: intervalMs,
    refetchIntervalInBackground: false,
    retry: false,
    staleTime: 0,
  });
}

// ------------------------------------------------------------------ cache edits

type RowSnapshot = { row: LiveParticipant; index: number }[];

function editLive(qc: QueryClient, id: string, edit: (ps: LiveParticipant[]) => LiveParticipant[]): void {
  qc.setQueryData<LiveSnapshot>(conferenceKeys.live(id), (old) =>
    old ? { ...old, participants: edit(old.participants) } : old,
  );
}

function currentParticipants(qc: QueryClient, id: string): LiveParticipant[] {
  return qc.getQueryData<LiveSnapshot>(conferenceKeys.live(id))?.participants ?? [];
}

function snapshotRows(qc: QueryClient, id: string, callIds: readonly string[]): RowSnapshot {
  const wanted = new Set(callIds);
  const out: RowSnapshot = [];
  currentParticipants(qc, id).forEach((row, index) => {
    if (wanted.has(row.callId)) out.push({ row, index });
  });
  return out;
}

/** Puts rows back as they were: their muted and on-hold state, or the row itself if it was removed. */
function restoreRows(qc: QueryClient, id: string, rows: RowSnapshot): void {
  if (rows.length === 0) return;
  editLive(qc, id, (ps) => {
    const out = [...ps];
    for (const { row, index } of rows) {
      const at = out.findIndex((p) => p.callId === row.callId);
      const current = out[at];
      if (current) out[at] = { ...current, muted: row.muted, onhold: row.onhold };
      else out.splice(Math.min(index, out.length), 0, row);
    }
    return out;
  });
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

// ------------------------------------------------------------------ participant commands

export interface ParticipantCommandVars {
  callId: string;
  command: ParticipantCommand;
  /** Only with "onhold". */
  moh?: MohClass;
}

/** Mute, unmute, hold (with music) or resume one participant. */
export function useParticipantCommand(conferenceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: conferenceMutationKeys.participant(conferenceId),
    mutationFn: ({ callId, command, moh }: ParticipantCommandVars) =>
      apiFetch<{ ok: true }>(conferenceUrls.participant(conferenceId, callId), {
        method: "PATCH",
        body: command === "onhold" && moh ? { command, moh } : { command },
      }),
    onMutate: async ({ callId, command }) => {
      await qc.cancelQueries({ queryKey: conferenceKeys.live(conferenceId) });
      const snapshot = snapshotRows(qc, conferenceId, [callId]);
      editLive(qc, conferenceId, (ps) => ps.map((p) => (p.callId === callId ? applyCommand(p, command) : p)));
      return { snapshot };
    },
    onError: (_error, _vars, result) => {
      if (result) restoreRows(qc, conferenceId, result.snapshot);
    },
    onSettled: (_data, error) => settle(qc, conferenceId, error !== null),
  });
}

export interface KickVars {
  callId: string;
  reason?: string;
}

/** Remove one participant from the call. */
export function useKick(conferenceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: conferenceMutationKeys.kick(conferenceId),
    mutationFn: ({ callId, reason }: KickVars) =>
      apiFetch<{ ok: true }>(conferenceUrls.participant(conferenceId, callId), {
        method: "DELETE",
        body: reason?.trim() ? { reason: reason.trim() } : undefined,
      }),
    onMutate: async ({ callId }) => {
      await qc.cancelQueries({ queryKey: conferenceKeys.live(conferenceId) });
      const snapshot = snapshotRows(qc, conferenceId, [callId]);
      editLive(qc, conferenceId, (ps) => ps.filter((p) => p.callId !== callId));
      return { snapshot };
    },
    onError: (_error, _vars, result) => {
      if (result) restoreRows(qc, conferenceId, result.snapshot);
    },
    onSettled: (_data, error) => settle(qc, conferenceId, error !== null),
  });
}

export interface BulkVars {
  action: BulkAction;
  moh?: MohClass;
  reason?: string;
  callIds?: string[];
  all?: true;
  except?: string[];
}

/** One request for many participants; the answer says, per participant, what happened. */
export function useBulk(conferenceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: conferenceMutationKeys.bulk(conferenceId),
    mutationFn: ({ action, moh, reason, callIds, all, except }: BulkVars) =>
      apiFetch<BulkResponse>(conferenceUrls.bulk(conferenceId), {
        method: "POST",
        body: {
          action,
          ...(action === "hold" && moh ? { moh } : {}),
          ...(action === "kick" && reason?.trim() ? { reason: reason.trim() } : {}),
          ...(all ? { all: true, ...(except?.length ? { except } : {}) } : { callIds: callIds ?? [] }),
        },
      }),
    onMutate: async (vars) => {
      await qc.cancelQueries({ queryKey: conferenceKeys.live(conferenceId) });
      const targets = bulkTargets(currentParticipants(qc, conferenceId), vars);
      const snapshot = snapshotRows(qc, conferenceId, targets);
      const chosen = new Set(targets);
      editLive(qc, conferenceId, (ps) =>
        vars.action === "kick"
          ? ps.filter((p) => !chosen.has(p.callId))
          : ps.map((p) =>
              chosen.has(p.callId) ? applyCommand(p, commandOf(vars.action as Exclude<BulkAction, "kick">)) : p,
            ),
      );
      return { snapshot, targets };
    },
    onSuccess: (data, _vars, result) => {
      // Someone who "left the call" stays gone; any other failure puts the row back as it was.
      const failed = new Set(data.results.filter((r) => !r.ok && r.error?.code !== "not_found").map((r) => r.callId));
      if (result && failed.size)
        restoreRows(
          qc,
          conferenceId,
          result.snapshot.filter((s) => failed.has(s.row.callId)),
        );
    },
    onError: (_error, _vars, result) => {
      if (result) restoreRows(qc, conferenceId, result.snapshot);
    },
    onSettled: (data, error) => settle(qc, conferenceId, error !== null || (data?.failed ?? 0) > 0),
  });
}

/** End the meeting: everyone is removed; the answer lists who was, and anyone still there. */
export function useKickAll(conferenceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: conferenceMutationKeys.kickAll(conferenceId),
    mutationFn: () => apiFetch<KickAllResponse>(conferenceUrls.one(conferenceId), { method: "DELETE" }),
    onMutate: async () => {
      await qc.cancelQueries({ queryKey: conferenceKeys.live(conferenceId) });
    },
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

/**
 * The commands on this conference still on their way to Sinch, oldest first, for
 * the console to overlay on each poll and to mark rows pending.
 */
export function usePendingChanges(conferenceId: string): PendingChange[] {
  // useMutationState keeps its result referentially stable while nothing changes.
  const changes = useMutationState({
    filters: { mutationKey: conferenceMutationKeys.commands(conferenceId), status: "pending" },
    select: (mutation) => toPendingChange(mutation as Mutation<unknown, Error, unknown, unknown>),
  });
  return useMemo(() => changes.filter((c): c is PendingChange => c !== null), [changes]);
}

/**
 * The live list as it will be once the commands in flight land, read from the cache
 * now rather than from the last render: a key pressed twice in quick succession
 * ("m", "m") must see the first press, which the screen may not show yet.
 */
export function readIntendedParticipants(qc: QueryClient, conferenceId: string): LiveParticipant[] {
  const pending = qc
    .getMutationCache()
    .findAll({ mutationKey: conferenceMutationKeys.commands(conferenceId), status: "pending" })
    .map((m) => toPendingChange(m as Mutation<unknown, Error, unknown, unknown>))
    .filter((c): c is PendingChange => c !== null);
  return applyPending(currentParticipants(qc, conferenceId), pending).participants;
}

function toPendingChange(mutation: Mutation<unknown, Error, unknown, unknown>): PendingChange | null {
  const kind = mutation.options.mutationKey?.[3];
  const vars = mutation.state.variables;
  if (!vars || typeof vars !== "object") return null;
  if (kind === "participant") {
    const v = vars as ParticipantCommandVars;
    return { kind: "command", callId: v.callId, command: v.command, moh: v.moh };
  }
  if (kind === "kick") return { kind: "kick", callId: (vars as KickVars).callId };
  if (kind === "bulk") {
    const v = vars as BulkVars;
    // onMutate resolved "all" against the list; before it runs, explicit ids are all there is.
    const context = mutation.state.context as { targets?: string[] } | undefined;
    return { kind: "bulk", action: v.action, targets: context?.targets ?? v.callIds ?? [] };
  }
  return null;
}

// ------------------------------------------------------------------ the conference record

export interface UpdateConferenceVars {
  conferenceId: string;
  displayName?: string | null;
  pinned?: boolean;
}

function patchSummary(s: ConferenceSummary, v: UpdateConferenceVars): ConferenceSummary {
  return {
    ...s,
    ...(v.displayName !== undefined ? { displayName: v.displayName?.trim() || null } : {}),
    ...(v.pinned !== undefined ? { pinned: v.pinned } : {}),
  };
}

/** Rename or pin a conference in Gavel's list. */
export function useUpdateConference() {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: conferenceMutationKeys.update(),
    mutationFn: ({ conferenceId, displayName, pinned }: UpdateConferenceVars) =>
      apiFetch<{ conference: ConferenceSummary }>(conferenceUrls.one(conferenceId), {
        method: "PATCH",
        body: {
          ...(displayName !== undefined ? { displayName: displayName?.trim() || null } : {}),
          ...(pinned !== undefined ? { pinned } : {}),
        },
      }),
    onMutate: async (vars) => {
      await Promise.all([
        qc.cancelQueries({ queryKey: conferenceKeys.list() }),
        qc.cancelQueries({ queryKey: conferenceKeys.detail(vars.conferenceId) }),
      ]);
      const before =
        qc.getQueryData<ConferenceSummary>(conferenceKeys.detail(vars.conferenceId)) ??
        qc.getQueryData<ConferenceSummary[]>(conferenceKeys.list())?.find((c) => c.conferenceId === vars.conferenceId);
      qc.setQueryData<ConferenceSummary[]>(conferenceKeys.list(), (old) =>
        old?.map((c) => (c.conferenceId === vars.conferenceId ? patchSummary(c, vars) : c)),
      );
      qc.setQueryData<ConferenceSummary>(conferenceKeys.detail(vars.conferenceId), (old) =>
        old ? patchSummary(old, vars) : old,
      );
      return { before };
    },
    onError: (_error, vars, result) => {
      const before = result?.before;
      if (!before) return;
      // Put back only what this change touched.
      const undo: UpdateConferenceVars = {
        conferenceId: vars.conferenceId,
        ...(vars.displayName !== undefined ? { displayName: before.displayName } : {}),
        ...(vars.pinned !== undefined ? { pinned: before.pinned } : {}),
      };
      qc.setQueryData<ConferenceSummary[]>(conferenceKeys.list(), (old) =>
        old?.map((c) => (c.conferenceId === vars.conferenceId ? patchSummary(c, undo) : c)),
      );
      qc.setQueryData<ConferenceSummary>(conferenceKeys.detail(vars.conferenceId), (old) =>
        old ? patchSummary(old, undo) : old,
      );
    },
    onSuccess: (data, vars) => {
      qc.setQueryData(conferenceKeys.detail(vars.conferenceId), data.conference);
    },
    onSettled: (_data, _error, vars) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: conferenceKeys.list() }),
        qc.invalidateQueries({ queryKey: conferenceKeys.detail(vars.conferenceId) }),
      ]),
  });
}

/** Records that someone opened a conference (it joins Gavel's list) and keeps its record. */
export function useOpenConference() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (conferenceId: string) =>
      apiFetch<{ conference: ConferenceSummary }>(conferenceUrls.list(), { method: "POST", body: { conferenceId } }),
    onSuccess: (data) => {
      qc.setQueryData(conferenceKeys.detail(data.conference.conferenceId), data.conference);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: conferenceKeys.list() }),
  });
}
