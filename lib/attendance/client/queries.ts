/** React Query hook for a conference's timeline. */
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../../api/fetch";
import { timelineKeys, type TimelineResponse } from "../schemas";

export const TIMELINE_POLL_MS = 5000;

export function useTimeline(conferenceId: string, enabled: boolean) {
  return useQuery({
    queryKey: timelineKeys.detail(conferenceId),
    queryFn: () => apiFetch<TimelineResponse>(`/api/conferences/${encodeURIComponent(conferenceId)}/timeline`),
    enabled,
    refetchInterval: TIMELINE_POLL_MS,
  });
}
