/**
 * The conferences API as the browser calls it: each route's method, path and reply,
 * and the types of its inputs. The schemas are imported as types only, so no zod
 * reaches the browser; ./contract.ts adds them for the server.
 */
import { json, route } from "../api/endpoint";
import type * as S from "./schemas";
import type {
  BulkResponse,
  ConferenceListReply,
  ConferenceLiveView,
  ConferenceSummary,
  KickAllResponse,
  OutcomeUnknownReply,
} from "./types";

type Params = typeof S.conferenceParamsSchema;
type ParticipantParams = typeof S.participantParamsSchema;

export const conferenceEndpoints = {
  /** The conferences Gavel has seen (Sinch cannot list them), searched and filtered. */
  list: route<ConferenceListReply, undefined, typeof S.listConferencesQuerySchema>({
    method: "GET",
    path: "/api/conferences",
    summary: "The conferences Gavel has seen, searched and filtered",
    permission: "conference:view",
    reply: json(),
  }),
  /** Open a conference by id, adding it to that list. */
  open: route<{ conference: ConferenceSummary }, undefined, undefined, typeof S.openConferenceBodySchema>({
    method: "POST",
    path: "/api/conferences",
    summary: "Open a conference by id, adding it to Gavel's list",
    permission: "conference:view",
    reply: json(),
  }),
  get: route<{ conference: ConferenceSummary }, Params>({
    method: "GET",
    path: "/api/conferences/:conferenceId",
    summary: "One conference as Gavel knows it",
    permission: "conference:view",
    reply: json(),
  }),
  /** Rename or pin. */
  update: route<{ conference: ConferenceSummary }, Params, undefined, typeof S.updateConferenceBodySchema>({
    method: "PATCH",
    path: "/api/conferences/:conferenceId",
    summary: "Rename or pin a conference",
    permission: "conference:organize",
    reply: json(),
  }),
  /** Take a conference off Gavel's list; its audit trail and attendance stay. */
  forget: route<{ forgotten: ConferenceSummary }, Params>({
    method: "POST",
    path: "/api/conferences/:conferenceId/forget",
    summary: "Take a conference off Gavel's list (its audit trail and attendance stay)",
    permission: "conference:forget",
    reply: json(),
  }),
  /** End the meeting: kick all. */
  end: route<KickAllResponse | OutcomeUnknownReply, Params>({
    method: "DELETE",
    path: "/api/conferences/:conferenceId",
    summary: "End the meeting: kick everyone",
    permission: "conference:end",
    reply: json(),
  }),
  /** Who is connected now (coalesced polling of Sinch). */
  live: route<ConferenceLiveView, Params>({
    method: "GET",
    path: "/api/conferences/:conferenceId/participants",
    summary: "Who is connected now (conditional: ETag and 304)",
    permission: "conference:view",
    reply: json(),
    conditional: true,
  }),
  /** Mute, unmute, hold (with music) or resume one participant. */
  manage: route<{ ok: true } | OutcomeUnknownReply, ParticipantParams, undefined, typeof S.manageParticipantBodySchema>(
    {
      method: "PATCH",
      path: "/api/conferences/:conferenceId/participants/:callId",
      summary: "Mute, unmute, hold (with music) or resume one participant",
      permission: "participant:control",
      reply: json(),
    },
  ),
  /** Kick one participant, with an optional reason. */
  kick: route<{ ok: true } | OutcomeUnknownReply, ParticipantParams, undefined, typeof S.kickBodySchema>({
    method: "DELETE",
    path: "/api/conferences/:conferenceId/participants/:callId",
    summary: "Kick one participant, with an optional reason",
    permission: "participant:control",
    reply: json(),
  }),
  bulk: route<BulkResponse, Params, undefined, typeof S.bulkBodySchema>({
    method: "POST",
    path: "/api/conferences/:conferenceId/bulk",
    summary: "Mute, unmute, hold, resume or kick several participants",
    permission: "participant:control",
    reply: json(),
  }),
};
