/** A conference's timeline and attendance list: ./endpoints.ts with the schemas the server parses with. */
import { withSchemas } from "../api/endpoint";
import { conferenceParamsSchema } from "../conferences/schemas";
import { attendanceEndpoints as e } from "./endpoints";
import { recentLeavesReplySchema, timelineReplySchema } from "./replies";

export const attendanceApi = {
  timeline: withSchemas(e.timeline, { params: conferenceParamsSchema, reply: timelineReplySchema }),
  csv: withSchemas(e.csv, { params: conferenceParamsSchema }),
  recentLeaves: withSchemas(e.recentLeaves, { params: conferenceParamsSchema, reply: recentLeavesReplySchema }),
};
