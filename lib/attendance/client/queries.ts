/** React Query hook for a conference's timeline. */
import { useQuery } from "@tanstack/react-query";
import { callApi } from "../../api/fetch";
import { attendanceEndpoints as attendanceApi } from "../endpoints";
import { recentLeavesKeys, timelineKeys } from "../schemas";

export const TIMELINE_POLL_MS = 5000;

export function useTimeline(conferenceId: string, enabled: boolean) {
  return useQuery({
    queryKey: timelineKeys.detail(conferenceId),
    queryFn: () => callApi(attendanceApi.timeline, { params: { conferenceId } }),
    enabled,
    refetchInterval: TIMELINE_POLL_MS,
  });
}

/** "Left recently" is read again this often (and at once when this page sees someone leave). */
export const RECENT_LEAVES_POLL_MS = 5000;

export function useRecentLeaves(conferenceId: string, enabled = true) {
  return useQuery({
    queryKey: recentLeavesKeys.detail(conferenceId),
    queryFn: ({ signal }) => callApi(attendanceApi.recentLeaves, { params: { conferenceId }, signal }),
    enabled,
    refetchInterval: RECENT_LEAVES_POLL_MS,
  });
}
