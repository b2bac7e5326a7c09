/**
 * The live poll's bookkeeping (is a poll in flight, when did the last list arrive,
 * did the last poll fail and when), read straight from the query cache by the few
 * small components that show it: the header's "Live · updated 2 s ago" and the tab
 * title. The console itself reads only the list, so a poll's start (and a failed
 * poll that changes nothing on screen but them) re-renders those two, not the whole
 * console. Profiled in the bench's 500-row room: each poll rendered the console once
 * for its start and again for its answer.
 */
import { hashKey, useQueryClient, type QueryClient, type QueryState } from "@tanstack/react-query";
import { useMemo, useSyncExternalStore } from "react";
import type { FreshnessInput } from "../freshness";
import { conferenceKeys } from "../types";
import type { LiveSnapshot } from "./queries";

/** What lib/conferences/freshness.ts judges the list from, less the clock and the window. */
export type LivePollState = Omit<FreshnessInput, "now" | "pollIntervalMs">;

const NONE: LivePollState = { receivedAt: undefined, error: null, errorAt: 0, fetching: false };

/**
 * The poll's state from the query's: the error only while an older list is still
 * shown (without one, the console shows the error in the list's place).
 */
function pollStateOf(state: QueryState<LiveSnapshot, Error> | undefined): LivePollState {
  if (!state) return NONE;
  return {
    receivedAt: state.data?.receivedAt,
    error: state.data !== undefined ? state.error : null,
    errorAt: state.errorUpdatedAt,
    fetching: state.fetchStatus === "fetching",
  };
}

function samePollState(a: LivePollState, b: LivePollState): boolean {
  return a.receivedAt === b.receivedAt && a.error === b.error && a.errorAt === b.errorAt && a.fetching === b.fetching;
}

/**
 * The poll state as a store for useSyncExternalStore: `read` returns the same object
 * until one of its fields changes, and `subscribe` hears this query's cache events
 * only (other queries' pass by).
 */
export function livePollStore(qc: QueryClient, conferenceId: string) {
  const key = conferenceKeys.live(conferenceId);
  const hash = hashKey(key);
  let last = NONE;
  return {
    subscribe: (onChange: () => void) =>
      qc.getQueryCache().subscribe((event) => {
        if (event.query.queryHash === hash) onChange();
      }),
    read: (): LivePollState => {
      const next = pollStateOf(qc.getQueryState<LiveSnapshot, Error>(key));
      if (!samePollState(last, next)) last = next;
      return last;
    },
  };
}

/** The live poll's state, re-rendering the caller only when one of its fields changes. */
export function useLivePollState(conferenceId: string): LivePollState {
  const qc = useQueryClient();
  const store = useMemo(() => livePollStore(qc, conferenceId), [qc, conferenceId]);
  return useSyncExternalStore(store.subscribe, store.read, () => NONE);
}
