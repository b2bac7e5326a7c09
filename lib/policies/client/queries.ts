/**
 * The browser's side of room policies: the room's policies, speakers and Waiting
 * list (read at the poll interval while the lobby is on, so a joiner shows up as
 * waiting as soon as the watcher held them; slowly otherwise), and the changes:
 * policies, speakers, Admit, and "Mute all except speakers".
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSteadyMutation } from "../../query/use-steady-mutation";
import { useCallback } from "react";
import { callApi } from "../../api/fetch";
import { conferenceKeys } from "../../conferences/types";
import { policyEndpoints as api } from "../endpoints";
import type { SpeakersBody, UpdatePoliciesBody } from "../schemas";
import { policyKeys, type RoomPoliciesView } from "../types";

/** Without the lobby, the view changes only when someone sets a policy: read it now and then. */
const IDLE_REFRESH_MS = 30_000;

export function useRoomPolicies(conferenceId: string, pollIntervalMs: number) {
  return useQuery({
    queryKey: policyKeys.room(conferenceId),
    queryFn: ({ signal }) => callApi(api.get, { params: { conferenceId }, signal }),
    refetchInterval: (q) => (q.state.data?.lobby.on || q.state.data?.waiting.length ? pollIntervalMs : IDLE_REFRESH_MS),
  });
}

function useViewUpdate(conferenceId: string) {
  const qc = useQueryClient();
  return useCallback(
    (view: RoomPoliciesView) => qc.setQueryData(policyKeys.room(conferenceId), view),
    [qc, conferenceId],
  );
}

export function useUpdatePolicies(conferenceId: string) {
  const put = useViewUpdate(conferenceId);
  return useSteadyMutation(
    () => ({
      mutationFn: (body: UpdatePoliciesBody) => callApi(api.update, { params: { conferenceId }, body }),
      onSuccess: put,
    }),
    [conferenceId, put],
  );
}

export function useUpdateSpeakers(conferenceId: string) {
  const put = useViewUpdate(conferenceId);
  return useSteadyMutation(
    () => ({
      mutationFn: (body: SpeakersBody) => callApi(api.speakers, { params: { conferenceId }, body }),
      onSuccess: put,
    }),
    [conferenceId, put],
  );
}

/** Admit, then read the room and the Waiting list again. */
export function useAdmit(conferenceId: string) {
  const qc = useQueryClient();
  return useSteadyMutation(
    () => ({
      mutationFn: (callId: string) => callApi(api.admit, { params: { conferenceId, callId } }),
      onSettled: () => {
        void qc.invalidateQueries({ queryKey: policyKeys.room(conferenceId) });
        void qc.invalidateQueries({ queryKey: conferenceKeys.live(conferenceId) });
      },
    }),
    [qc, conferenceId],
  );
}

export function useMuteExceptSpeakers(conferenceId: string) {
  const qc = useQueryClient();
  return useSteadyMutation(
    () => ({
      mutationFn: () => callApi(api.muteExceptSpeakers, { params: { conferenceId } }),
      onSettled: () => void qc.invalidateQueries({ queryKey: conferenceKeys.live(conferenceId) }),
    }),
    [qc, conferenceId],
  );
}
