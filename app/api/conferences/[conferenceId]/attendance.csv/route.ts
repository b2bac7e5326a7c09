// GET /api/conferences/:id/attendance.csv: who was there, from when to when, and who removed them (moderators and admins).
import { apiRoute } from "@/lib/api/server/handler";
import { exportAttendanceCsv } from "@/lib/attendance/server/service";
import { conferenceParamsSchema } from "@/lib/conferences/schemas";

export const GET = apiRoute({ permission: "attendance:read", params: conferenceParamsSchema }, (ctx) =>
  exportAttendanceCsv(ctx, ctx.params.conferenceId),
);
