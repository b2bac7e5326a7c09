/**
 * The conference feature's data in the browser: queries (the list, one record, the
 * live participants, polled) and the conference record's mutations (open, rename,
 * pin). The moderation commands are in commands.ts, what is in flight in
 * pending.ts. Client-safe: no server imports.
 *
 * The record's mutations follow TanStack's cache pattern: onMutate cancels,
 * snapshots and sets; onError puts back what the change touched; onSettled
 * invalidates. Screen side effects (toasts) belong to the caller.
 *
 * Mutation hooks make their options once per conference (lib/query/use-steady-mutation.ts).
 */
import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useSteadyMutation } from "../../query/use-steady-mutation";
import { callApi } from "../../api/fetch";
import { conferenceEndpoints as conferencesApi } from "../endpoints";
import {
  conferenceKeys,
  LIVE_FETCHED_AT_HEADER,
  type ConferenceListReply,
  type ConferenceListSearch,
  type ConferenceLive,
  type ConferenceSummary,
  type LiveParticipant,
} from "../types";

export { conferenceHref } from "../href";

/**
 * Mutation keys: every command on one conference shares a prefix, so the last one to
 * settle refetches. What a command is comes from its `meta`, not from these keys.
 */
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
  /**
   * Date.now() when this browser asked for it: a list asked for before a command's
   * 202 may not name that command yet (lib/conferences/client/outcomes.ts).
   */
  requestedAt?: number;
  /**
   * The list as the server last sent it and its ETag: the next poll asks with
   * If-None-Match, and a 304 brings this back (optimistic edits of the cached list
   * aside), with the same participants array, so nothing downstream re-renders.
   */
  served?: { etag: string; view: ConferenceLive; receivedAt: number };
  /**
   * Date.now() when this browser received the durations shown (the list's own
   * answer): a 304 keeps the list, so durations keep ticking from when it came.
   */
  durationsAt?: number;
}

export const LIST_REFRESH_MS = 5000;

// ------------------------------------------------------------------ queries

/**
 * The home's list for one search, refreshed every few seconds; while a new search's
 * answer is on its way, the last list stays on screen (marked as a placeholder).
 */
export function useConferences(search: ConferenceListSearch, refetchIntervalMs = LIST_REFRESH_MS) {
  return useQuery({
    queryKey: conferenceKeys.list(search),
    queryFn: ({ signal }) =>
      callApi(conferencesApi.list, {
        query: {
          ...(search.q.trim() ? { q: search.q.trim() } : {}),
          ...(search.show !== "all" ? { show: search.show } : {}),
        },
        signal,
      }),
    refetchInterval: refetchIntervalMs,
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });
}

/** Every home list in the cache (one per search looked at), edited alike. */
function editLists(qc: QueryClient, edit: (c: ConferenceSummary) => ConferenceSummary | null): void {
  qc.setQueriesData<ConferenceListReply>({ queryKey: conferenceKeys.list() }, (old) => {
    if (!old) return old;
    const conferences = old.conferences.flatMap((c) => {
      const next = edit(c);
      return next ? [next] : [];
    });
    return { ...old, conferences };
  });
}

function findInLists(qc: QueryClient, conferenceId: string): ConferenceSummary | undefined {
  for (const [, data] of qc.getQueriesData<ConferenceListReply>({ queryKey: conferenceKeys.list() })) {
    const hit = data?.conferences.find((c) => c.conferenceId === conferenceId);
    if (hit) return hit;
  }
  return undefined;
}

/** Gavel's record of one conference (name, pin, last seen); a 404 means it has none yet. */
export function useConference(id: string) {
  return useQuery({
    queryKey: conferenceKeys.detail(id),
    queryFn: async ({ signal }) =>
      (await callApi(conferencesApi.get, { params: { conferenceId: id }, signal })).conference,
  });
}

/**
 * Who is connected, polled every `intervalMs` while the page is visible (and while
 * it is hidden too with `inBackground`; live-backoff.ts slows it down then). A failed
 * poll is not retried (the next poll is the retry) and keeps the last list: the
 * query's `data` stays while `error` says why it is stale.
 */
export function useConferenceLive(id: string, intervalMs: number, { inBackground = false } = {}) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: conferenceKeys.live(id),
    queryFn: ({ signal }) => pollLive(qc, id, signal),
    refetchInterval: intervalMs,
    refetchIntervalInBackground: inBackground,
    retry: false,
    staleTime: 0,
    // Sinch's durations differ in every answer, so TanStack's deep compare of a new
    // list with the last one never keeps a participant: it would copy all of them on
    // every poll for nothing. Rows keep their identity in stable-rows.ts instead, and a
    // 304 hands back the list it already had (pollLive).
    structuralSharing: false,
  });
}

/**
 * One poll of the live list, conditional: If-None-Match with the last ETag, and
 * `cache: "no-store"` so the browser's HTTP cache never holds an API answer (the
 * server says no-store too). A 304 means the list the server last sent stands:
 * it comes back as it was (the same objects), with the freshness of this answer
 * (its fetch time, from a header, and when it was asked for and received), while
 * its durations still count from when the list itself arrived (`durationsAt`).
 */
export async function pollLive(qc: QueryClient, id: string, signal?: AbortSignal): Promise<LiveSnapshot> {
  const served = qc.getQueryData<LiveSnapshot>(conferenceKeys.live(id))?.served;
  const requestedAt = Date.now();
  let etag: string | null = null;
  let fetchedAt: string | null = null;
  let notModified = false;
  const view = await callApi(conferencesApi.live, {
    params: { conferenceId: id },
    signal,
    cache: "no-store",
    headers: served ? { "if-none-match": served.etag } : undefined,
    onResponse: (res) => {
      notModified = res.status === 304;
      etag = res.headers.get("etag");
      fetchedAt = res.headers.get(LIVE_FETCHED_AT_HEADER);
    },
  });
  const receivedAt = Date.now();
  if (notModified && served) {
    const fresh = fetchedAt ?? served.view.fetchedAt;
    return { ...served.view, fetchedAt: fresh, requestedAt, receivedAt, durationsAt: served.receivedAt, served };
  }
  return {
    ...view,
    requestedAt,
    receivedAt,
    durationsAt: receivedAt,
    served: etag ? { etag, view, receivedAt } : undefined,
  };
}

// ------------------------------------------------------------------ the live list's cache

/** Edits the live list in the cache (commands confirm into it; see commands.ts). */
export function editLive(qc: QueryClient, id: string, edit: (ps: LiveParticipant[]) => LiveParticipant[]): void {
  qc.setQueryData<LiveSnapshot>(conferenceKeys.live(id), (old) =>
    old ? { ...old, participants: edit(old.participants) } : old,
  );
}

/** The live list as the cache holds it now, whatever the last render saw. */
export function liveParticipants(qc: QueryClient, id: string): LiveParticipant[] {
  return qc.getQueryData<LiveSnapshot>(conferenceKeys.live(id))?.participants ?? [];
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
  return useSteadyMutation(
    () => ({
      mutationKey: conferenceMutationKeys.update(),
      mutationFn: ({ conferenceId, displayName, pinned }: UpdateConferenceVars) =>
        callApi(conferencesApi.update, {
          params: { conferenceId },
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
          findInLists(qc, vars.conferenceId);
        editLists(qc, (c) => (c.conferenceId === vars.conferenceId ? patchSummary(c, vars) : c));
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
        editLists(qc, (c) => (c.conferenceId === vars.conferenceId ? patchSummary(c, undo) : c));
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
    }),
    [qc],
  );
}

/**
 * "Forget" a conference (admins): it leaves every list at once; its detail is
 * dropped, and the lists are asked again once the server has answered.
 */
export function useForgetConference() {
  const qc = useQueryClient();
  return useSteadyMutation(
    () => ({
      mutationFn: (conferenceId: string) => callApi(conferencesApi.forget, { params: { conferenceId } }),
      onSuccess: (_data, conferenceId) => {
        editLists(qc, (c) => (c.conferenceId === conferenceId ? null : c));
        qc.removeQueries({ queryKey: conferenceKeys.detail(conferenceId) });
      },
      onSettled: () => qc.invalidateQueries({ queryKey: conferenceKeys.list() }),
    }),
    [qc],
  );
}

/** Records that someone opened a conference (it joins Gavel's list) and keeps its record. */
export function useOpenConference() {
  const qc = useQueryClient();
  return useSteadyMutation(
    () => ({
      mutationFn: (conferenceId: string) => callApi(conferencesApi.open, { body: { conferenceId } }),
      onSuccess: (data) => {
        qc.setQueryData(conferenceKeys.detail(data.conference.conferenceId), data.conference);
      },
      onSettled: () => qc.invalidateQueries({ queryKey: conferenceKeys.list() }),
    }),
    [qc],
  );
}
