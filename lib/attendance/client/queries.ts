/** React Query hook for a conference's timeline. */
import { useQuery } from "@tanstack/react-query";
import { callApi } from "../../api/fetch";
import { attendanceEndpoints as attendanceApi } from "../endpoints";
import { timelineKeys } from "../schemas";

export const TIMELINE_POLL_MS = 5000;

export function useTimeline(conferenceId: string, enabled: boolean) {
  return useQuery({
    queryKey: timelineKeys.detail(conferenceId),
    queryFn: () => callApi(attendanceApi.timeline, { params: { conferenceId } }),
    enabled,
    refetchInterval: TIMELINE_POLL_MS,
  });
}
