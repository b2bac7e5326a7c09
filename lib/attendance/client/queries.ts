/**
 * React Query hooks for a conference's timeline and "Left recently": read again one
 * live answer after the live list changes, and slowly otherwise (./follow-live.ts).
 */
import { useQuery } from "@tanstack/react-query";
import { callApi } from "../../api/fetch";
import { attendanceEndpoints as attendanceApi } from "../endpoints";
import { recentLeavesKeys, timelineKeys } from "../schemas";
import { FOLLOW_LIVE_FALLBACK_MS, useFollowLive } from "./follow-live";

export function useTimeline(conferenceId: string, enabled: boolean) {
  useFollowLive(conferenceId, timelineKeys.detail, enabled);
  return useQuery({
    queryKey: timelineKeys.detail(conferenceId),
    queryFn: () => callApi(attendanceApi.timeline, { params: { conferenceId } }),
    enabled,
    refetchInterval: FOLLOW_LIVE_FALLBACK_MS,
  });
}

export function useRecentLeaves(conferenceId: string, enabled = true) {
  useFollowLive(conferenceId, recentLeavesKeys.detail, enabled);
  return useQuery({
    queryKey: recentLeavesKeys.detail(conferenceId),
    queryFn: ({ signal }) => callApi(attendanceApi.recentLeaves, { params: { conferenceId }, signal }),
    enabled,
    refetchInterval: FOLLOW_LIVE_FALLBACK_MS,
  });
}
