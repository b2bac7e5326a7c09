/**
 * A conference's timeline and attendance list as the browser calls them (schemas
 * named by type only, so no zod reaches the browser); ./contract.ts adds them.
 */
import { file, json, route, type Download } from "../api/endpoint";
import type * as Conferences from "../conferences/schemas";
import type { RecentLeavesResponse, TimelineResponse } from "./schemas";

type Params = typeof Conferences.conferenceParamsSchema;

export const attendanceEndpoints = {
  timeline: route<TimelineResponse, Params>({
    method: "GET",
    path: "/api/conferences/:conferenceId/timeline",
    summary: "A conference's timeline: joins, leaves and actions, newest first",
    permission: "conference:view",
    reply: json(),
  }),
  csv: route<Download, Params>({
    method: "GET",
    path: "/api/conferences/:conferenceId/attendance.csv",
    summary: "The conference's attendance list as CSV (who was there, from when to when)",
    permission: "attendance:read",
    reply: file("text/csv"),
  }),
  /** Who left in the last ten minutes, how long they stayed and why, if Gavel knows ("Left recently"). */
  recentLeaves: route<RecentLeavesResponse, Params>({
    method: "GET",
    path: "/api/conferences/:conferenceId/recent-leaves",
    summary: "Who left in the last ten minutes, how long they stayed and why",
    permission: "attendance:recent",
    reply: json(),
  }),
};
