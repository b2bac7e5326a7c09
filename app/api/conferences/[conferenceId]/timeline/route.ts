// GET /api/conferences/:id/timeline: joins, leaves (from attendance) and actions (from the audit trail), newest first.
import { apiRoute } from "@/lib/api/server/handler";
import { conferenceTimeline } from "@/lib/attendance/server/service";
import { conferenceParamsSchema } from "@/lib/conferences/schemas";

export const GET = apiRoute({ permission: "conference:view", params: conferenceParamsSchema }, ({ params }) =>
  conferenceTimeline(params.conferenceId),
);
