/**
 * The session API as the browser calls it (no zod: the sign-out button is on every
 * page); ./contract.ts adds the reply's schema for the server.
 */
import { json, route } from "../api/endpoint";

export const sessionEndpoints = {
  /** Sign out everywhere: every session of the person, this one included, ends. */
  endAll: route<{ ended: true }>({
    method: "POST",
    path: "/api/session/end-all",
    summary: "Sign out everywhere: every session of the caller ends",
    permission: "session:own",
    reply: json(),
  }),
};
