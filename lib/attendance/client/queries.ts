/**
 * React Query hooks for a conference's timeline and "Left recently": read again one
 * live answer after the live list changes, and slowly otherwise (./follow-live.ts).
 */
import { useQuery } from "@tanstack/react-query";
import { callApi } from "../../api/fetch";
import { attendanceEndpoints as attendanceApi } from "../endpoints";
import { recentLeavesKeys, timelineKeys } from "../schemas";
import { reasonMayStillCome } from "../recent-leaves";
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

/** "Left recently" reads again every REASON_POLL_MS while a reason may still come, else slowly. */
export const REASON_POLL_MS = 5_000;

export function recentLeavesPollMs(leaves: Parameters<typeof reasonMayStillCome>[0], now: number): number {
  return reasonMayStillCome(leaves, now) ? REASON_POLL_MS : FOLLOW_LIVE_FALLBACK_MS;
}

export function useRecentLeaves(conferenceId: string, enabled = true) {
  useFollowLive(conferenceId, recentLeavesKeys.detail, enabled);
  return useQuery({
    queryKey: recentLeavesKeys.detail(conferenceId),
    queryFn: ({ signal }) => callApi(attendanceApi.recentLeaves, { params: { conferenceId }, signal }),
    enabled,
    refetchInterval: (query) => recentLeavesPollMs(query.state.data?.leaves ?? [], Date.now()),
  });
}
