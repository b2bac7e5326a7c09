/**
 * Route tests' read of a room's live list, as an open console page reads it: the
 * participants GET through the route, checked to answer 200.
 */
import { expect } from "vitest";
import type { ConferenceLiveView } from "../conferences/types";
import { call, moderator, type Route, type Who } from "./route-requests";

/** The participants route's answer for `conferenceId`, read as `as` (a moderator unless said). */
export async function readLive(route: Route, conferenceId: string, as: Who = moderator): Promise<ConferenceLiveView> {
  const res = await call(route, {
    method: "GET",
    as,
    path: `/api/conferences/${conferenceId}/participants`,
    params: { conferenceId },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as ConferenceLiveView;
}
