// GET /api/conferences/:id/attendance.csv: who was there, from when to when, and who removed them (moderators and admins).
import { apiRoute } from "@/lib/api/server/handler";
import { attendanceApi } from "@/lib/attendance/contract";
import { exportAttendanceCsv } from "@/lib/attendance/server/service";

export const GET = apiRoute(attendanceApi.csv, (ctx) =>
  exportAttendanceCsv(ctx, ctx.params.conferenceId, ctx.req.method === "HEAD"),
);
