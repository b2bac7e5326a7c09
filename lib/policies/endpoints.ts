/**
 * The room policies API as the browser calls it (issue 13, item 6): a conference's
 * policies, speakers and Waiting list; turning mute on entry and the lobby on or off;
 * the speakers; admitting a waiting joiner; and muting everyone but the speakers.
 * Turning a joiner away is the ordinary kick. Schemas are named by type only, so no
 * zod reaches the browser; ./contract.ts adds them.
 */
import { json, route } from "../api/endpoint";
import type { BulkResponse, OutcomeUnknownReply } from "../conferences/types";
import type * as S from "./schemas";
import type { RoomPoliciesView } from "./types";

type Params = typeof S.policyParamsSchema;

export const policyEndpoints = {
  get: route<RoomPoliciesView, Params>({
    method: "GET",
    path: "/api/conferences/:conferenceId/policies",
    summary: "A conference's policies, speakers and Waiting list",
    permission: "conference:view",
    reply: json(),
  }),
  /** Mute on entry and the lobby (with its music) on or off; starts or stops the watcher. */
  update: route<RoomPoliciesView, Params, undefined, typeof S.updatePoliciesBodySchema>({
    method: "PATCH",
    path: "/api/conferences/:conferenceId/policies",
    summary: "Turn mute on entry and the lobby (with its music) on or off",
    permission: "policy:manage",
    reply: json(),
  }),
  /** Replaces the conference's speakers (contacts or numbers). */
  speakers: route<RoomPoliciesView, Params, undefined, typeof S.speakersBodySchema>({
    method: "PATCH",
    path: "/api/conferences/:conferenceId/policies/speakers",
    summary: "Replace the conference's speakers (contacts or numbers)",
    permission: "policy:manage",
    reply: json(),
  }),
  /** Admit a waiting joiner: resume, then mute on entry applies unless a speaker. */
  admit: route<{ ok: true } | OutcomeUnknownReply, typeof S.waitingParamsSchema>({
    method: "POST",
    path: "/api/conferences/:conferenceId/waiting/:callId",
    summary: "Admit a waiting joiner from the lobby",
    permission: "participant:control",
    reply: json(),
  }),
  /** Mute everyone in the room except the speakers, through the bulk path. */
  muteExceptSpeakers: route<BulkResponse, Params>({
    method: "POST",
    path: "/api/conferences/:conferenceId/mute-except-speakers",
    summary: "Mute everyone in the room except the speakers",
    permission: "participant:control",
    reply: json(),
  }),
};
