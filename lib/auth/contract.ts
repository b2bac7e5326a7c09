/** The session API: what a signed-in person may do with their own sessions. Client-safe. */
import { endpoint, json } from "../api/endpoint";

export const sessionApi = {
  /** Sign out everywhere: every session of the person, this one included, ends. */
  endAll: endpoint({
    method: "POST",
    path: "/api/session/end-all",
    permission: "session:own",
    reply: json<{ ended: true }>(),
  }),
};
