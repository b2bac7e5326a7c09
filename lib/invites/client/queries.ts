/** React Query hooks for a conference's Expected panel: the invite list, its edits and Dial everyone missing. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSteadyMutation } from "../../query/use-steady-mutation";
import { useCallback } from "react";
import { callApi } from "../../api/fetch";
import { calloutKeys } from "../../callouts/client/queries";
import { invitesEndpoints as invitesApi } from "../endpoints";
import type { InvitesResponse } from "../types";

export const inviteKeys = {
  all: ["invites"] as const,
  conference: (conferenceId: string) => ["invites", conferenceId] as const,
};

export function useInvites(conferenceId: string, enabled = true) {
  return useQuery({
    queryKey: inviteKeys.conference(conferenceId),
    queryFn: ({ signal }) => callApi(invitesApi.list, { params: { conferenceId }, signal }),
    enabled,
  });
}

/** Every answer of an edit carries the list after it: written into the cache at once. */
function useListWriter(conferenceId: string) {
  const qc = useQueryClient();
  return useCallback(
    (r: InvitesResponse) =>
      qc.setQueryData<InvitesResponse>(inviteKeys.conference(conferenceId), {
        conferenceId: r.conferenceId,
        invites: r.invites,
      }),
    [qc, conferenceId],
  );
}

export function useAddInvites(conferenceId: string) {
  const write = useListWriter(conferenceId);
  return useSteadyMutation(
    () => ({
      mutationFn: (body: { text: string } | { numbers: string[] }) =>
        callApi(invitesApi.add, { params: { conferenceId }, body }),
      onSuccess: write,
    }),
    [conferenceId, write],
  );
}

export function useRemoveInvite(conferenceId: string) {
  const write = useListWriter(conferenceId);
  return useSteadyMutation(
    () => ({
      mutationFn: (number: string) => callApi(invitesApi.remove, { params: { conferenceId }, query: { number } }),
      onSuccess: write,
    }),
    [conferenceId, write],
  );
}

export function useDialMissing(conferenceId: string) {
  const qc = useQueryClient();
  return useSteadyMutation(
    () => ({
      mutationFn: (body: { numbers: string[]; includeLeft: boolean; batchId: string }) =>
        callApi(invitesApi.dial, { params: { conferenceId }, body }),
      onSettled: () => qc.invalidateQueries({ queryKey: calloutKeys.all }),
    }),
    [qc, conferenceId],
  );
}
