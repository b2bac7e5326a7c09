// GET /api/conferences/:id/recent-leaves: who left in the last ten minutes, how long they stayed and why.
import { apiRoute } from "@/lib/api/server/handler";
import { attendanceApi } from "@/lib/attendance/contract";
import { recentLeaves } from "@/lib/attendance/server/recent-leaves";

export const GET = apiRoute(attendanceApi.recentLeaves, ({ params }) => recentLeaves(params.conferenceId));
