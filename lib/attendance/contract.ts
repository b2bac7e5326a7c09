/** A conference's timeline and attendance list: what each route takes and answers. Client-safe. */
import { endpoint, file, json } from "../api/endpoint";
import { conferenceParamsSchema } from "../conferences/schemas";
import type { RecentLeavesResponse, TimelineResponse } from "./schemas";

export const attendanceApi = {
  timeline: endpoint({
    method: "GET",
    path: "/api/conferences/:conferenceId/timeline",
    permission: "conference:view",
    params: conferenceParamsSchema,
    reply: json<TimelineResponse>(),
  }),
  csv: endpoint({
    method: "GET",
    path: "/api/conferences/:conferenceId/attendance.csv",
    permission: "attendance:read",
    params: conferenceParamsSchema,
    reply: file("text/csv"),
  }),
  /** Who left in the last ten minutes, how long they stayed and why, if Gavel knows ("Left recently"). */
  recentLeaves: endpoint({
    method: "GET",
    path: "/api/conferences/:conferenceId/recent-leaves",
    permission: "attendance:recent",
    params: conferenceParamsSchema,
    reply: json<RecentLeavesResponse>(),
  }),
};
