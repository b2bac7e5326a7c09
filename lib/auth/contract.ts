/** The session API: what a signed-in person may do with their own sessions (./endpoints.ts with its reply's schema). */
import { z } from "zod";
import { withSchemas } from "../api/endpoint";
import { sessionEndpoints as e } from "./endpoints";

export const sessionApi = {
  endAll: withSchemas(e.endAll, { reply: z.object({ ended: z.literal(true) }) }),
};
