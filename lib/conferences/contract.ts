/** The conferences API: what each route takes and answers. Client-safe. */
import { endpoint, json } from "../api/endpoint";
import {
  bulkBodySchema,
  conferenceParamsSchema,
  kickBodySchema,
  manageParticipantBodySchema,
  openConferenceBodySchema,
  participantParamsSchema,
  updateConferenceBodySchema,
  type BulkResponse,
  type ConferenceLiveView,
  type OutcomeUnknownReply,
  type ConferenceSummary,
  type KickAllResponse,
} from "./schemas";

export const conferencesApi = {
  /** The conferences Gavel has seen (Sinch cannot list them). */
  list: endpoint({
    method: "GET",
    path: "/api/conferences",
    permission: "conference:view",
    reply: json<{ conferences: ConferenceSummary[] }>(),
  }),
  /** Open a conference by id, adding it to that list. */
  open: endpoint({
    method: "POST",
    path: "/api/conferences",
    permission: "conference:view",
    body: openConferenceBodySchema,
    reply: json<{ conference: ConferenceSummary }>(),
  }),
  get: endpoint({
    method: "GET",
    path: "/api/conferences/:conferenceId",
    permission: "conference:view",
    params: conferenceParamsSchema,
    reply: json<{ conference: ConferenceSummary }>(),
  }),
  /** Rename or pin. */
  update: endpoint({
    method: "PATCH",
    path: "/api/conferences/:conferenceId",
    permission: "conference:organize",
    params: conferenceParamsSchema,
    body: updateConferenceBodySchema,
    reply: json<{ conference: ConferenceSummary }>(),
  }),
  /** End the meeting: kick all. */
  end: endpoint({
    method: "DELETE",
    path: "/api/conferences/:conferenceId",
    permission: "conference:end",
    params: conferenceParamsSchema,
    reply: json<KickAllResponse | OutcomeUnknownReply>(),
  }),
  /** Who is connected now (coalesced polling of Sinch). */
  live: endpoint({
    method: "GET",
    path: "/api/conferences/:conferenceId/participants",
    permission: "conference:view",
    params: conferenceParamsSchema,
    reply: json<ConferenceLiveView>(),
  }),
  /** Mute, unmute, hold (with music) or resume one participant. */
  manage: endpoint({
    method: "PATCH",
    path: "/api/conferences/:conferenceId/participants/:callId",
    permission: "participant:control",
    params: participantParamsSchema,
    body: manageParticipantBodySchema,
    reply: json<{ ok: true } | OutcomeUnknownReply>(),
  }),
  /** Kick one participant, with an optional reason. */
  kick: endpoint({
    method: "DELETE",
    path: "/api/conferences/:conferenceId/participants/:callId",
    permission: "participant:control",
    params: participantParamsSchema,
    body: kickBodySchema,
    reply: json<{ ok: true } | OutcomeUnknownReply>(),
  }),
  bulk: endpoint({
    method: "POST",
    path: "/api/conferences/:conferenceId/bulk",
    permission: "participant:control",
    params: conferenceParamsSchema,
    body: bulkBodySchema,
    reply: json<BulkResponse>(),
  }),
};
