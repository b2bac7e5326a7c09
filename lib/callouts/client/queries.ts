/**
 * The callouts feature's data in the browser. Client-safe: no server imports.
 *
 * Lists poll every second while any callout in them is still in progress (the
 * server refreshes those from Sinch's call info as it answers), and slowly otherwise
 * so callouts placed by others show up. Mutations invalidate every callouts query
 * when they settle; screen side effects (toasts, closing a dialog) are the caller's.
 */
import { useQuery, useQueryClient, type Query } from "@tanstack/react-query";
import { useSteadyMutation } from "../../query/use-steady-mutation";
import { callApi } from "../../api/fetch";
import { calloutEndpoints as calloutsApi } from "../endpoints";
import type { CalloutListFilters, CalloutView } from "../types";
import type { BatchInput, CalloutInput } from "../forms";
import { retryBody } from "./outcomes";

/** Query keys for the callouts feature. */
export const calloutKeys = {
  all: ["callouts"] as const,
  list: (filters: CalloutListFilters) => [...calloutKeys.all, "list", filters] as const,
  conference: (conferenceId: string) => [...calloutKeys.all, "conference", conferenceId] as const,
  settings: () => [...calloutKeys.all, "settings"] as const,
};

/** While something rings: every second. Otherwise now and then. */
export const ACTIVE_POLL_MS = 1000;
export const IDLE_POLL_MS = 10_000;

function pollWhileActive(query: Query<CalloutView[], Error, CalloutView[], readonly unknown[]>): number {
  return query.state.data?.some((c) => !c.final) ? ACTIVE_POLL_MS : IDLE_POLL_MS;
}

/**
 * A fresh idempotency key. crypto.randomUUID exists only on secure origins (https,
 * localhost), and Gavel may be opened over plain http on a private network;
 * getRandomValues works everywhere.
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function useCallouts(filters: CalloutListFilters, enabled = true) {
  return useQuery({
    enabled,
    queryKey: calloutKeys.list(filters),
    queryFn: async ({ signal }) => (await callApi(calloutsApi.list, { query: filters, signal })).callouts,
    refetchInterval: pollWhileActive,
    refetchIntervalInBackground: false,
  });
}

/** Callouts into one conference that are ringing or ended lately (the conference page's ghost rows). */
export function useConferenceCallouts(conferenceId: string, enabled = true) {
  return useQuery({
    queryKey: calloutKeys.conference(conferenceId),
    queryFn: async ({ signal }) =>
      (await callApi(calloutsApi.conference, { params: { conferenceId }, signal })).callouts,
    refetchInterval: (q) => (q.state.data?.some((c) => !c.final) ? ACTIVE_POLL_MS : 5000),
    refetchIntervalInBackground: false,
    enabled,
  });
}

export function useCalloutSettings(enabled = true) {
  return useQuery({
    queryKey: calloutKeys.settings(),
    queryFn: ({ signal }) => callApi(calloutsApi.settings, { signal }),
    staleTime: Infinity,
    enabled,
  });
}

export interface PlaceVars {
  input: CalloutInput;
  idempotencyKey: string;
}

export function usePlaceCallout() {
  const qc = useQueryClient();
  return useSteadyMutation(
    () => ({
      mutationFn: ({ input, idempotencyKey }: PlaceVars) =>
        callApi(calloutsApi.place, {
          body: input,
          headers: { "idempotency-key": idempotencyKey },
        }),
      onSettled: () => qc.invalidateQueries({ queryKey: calloutKeys.all }),
    }),
    [qc],
  );
}

export function usePlaceBatch() {
  const qc = useQueryClient();
  return useSteadyMutation(
    () => ({
      mutationFn: (batch: BatchInput) => callApi(calloutsApi.batch, { body: batch }),
      onSettled: () => qc.invalidateQueries({ queryKey: calloutKeys.all }),
    }),
    [qc],
  );
}

export interface RetryVars {
  id: string;
  idempotencyKey: string;
  /** The callout's placement is unknown and the person accepted that the phone may ring twice. */
  confirmUnknown?: boolean;
}

export function useRetryCallout() {
  const qc = useQueryClient();
  return useSteadyMutation(
    () => ({
      mutationFn: ({ id, idempotencyKey, confirmUnknown = false }: RetryVars) => {
        // Not a literal: `confirmUnknown` joins the contract's retry body with the `outcomes` branch.
        const body = retryBody(idempotencyKey, confirmUnknown);
        return callApi(calloutsApi.retry, { params: { calloutId: id }, body });
      },
      onSettled: () => qc.invalidateQueries({ queryKey: calloutKeys.all }),
    }),
    [qc],
  );
}
