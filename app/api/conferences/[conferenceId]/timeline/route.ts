// GET /api/conferences/:id/timeline: joins, leaves (from attendance) and actions (from the audit trail), newest first.
import { apiRoute } from "@/lib/api/server/handler";
import { attendanceApi } from "@/lib/attendance/contract";
import { conferenceTimeline } from "@/lib/attendance/server/service";

export const GET = apiRoute(attendanceApi.timeline, ({ params }) => conferenceTimeline(params.conferenceId));
