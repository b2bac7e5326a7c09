// GET /api/conferences/:id/timeline: joins, leaves (from attendance) and actions (from the audit trail), newest first.
import { apiRoute } from "@/lib/api/handler";
import { conferenceTimeline } from "@/lib/attendance/service";
import { conferenceParamsSchema } from "@/lib/conferences/schemas";

export const GET = apiRoute({ permission: "conference:view", params: conferenceParamsSchema }, ({ params }) =>
  conferenceTimeline(params.conferenceId),
);
