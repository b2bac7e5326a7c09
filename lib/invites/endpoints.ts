/**
 * The invites API as the browser calls it (schemas named by type only, so no zod
 * reaches the browser); ./contract.ts adds them. Moderators read a conference's invite
 * list; support and admins edit it and dial everyone missing.
 */
import { json, route } from "../api/endpoint";
import type * as S from "./schemas";
import type { AddInvitesResult, DialMissingResult, InvitesResponse, RemoveInviteResult } from "./types";

type Params = typeof S.invitesParamsSchema;

export const invitesEndpoints = {
  /** The invite list with names and whether attendance ever saw each one (the panel adds who is present). */
  list: route<InvitesResponse, Params>({
    method: "GET",
    path: "/api/conferences/:conferenceId/invites",
    summary: "The invite list, with names and whether each was ever seen",
    permission: "invites:read",
    reply: json(),
  }),
  /** Adds pasted numbers (per-line errors for the rest) or numbers picked from the directory. */
  add: route<AddInvitesResult, Params, undefined, typeof S.addInvitesBodySchema>({
    method: "POST",
    path: "/api/conferences/:conferenceId/invites",
    summary: "Add pasted numbers or directory contacts to the invite list",
    permission: "invites:manage",
    reply: json(),
  }),
  /** Takes one number off the list (?number=). */
  remove: route<RemoveInviteResult, Params, typeof S.removeInviteQuerySchema>({
    method: "DELETE",
    path: "/api/conferences/:conferenceId/invites",
    summary: "Take one number off the invite list (?number=)",
    permission: "invites:manage",
    reply: json(),
  }),
  /**
   * Dial everyone missing: conference callouts, as a dial list (throttled, one callout
   * row each), to the confirmed numbers that are still missing when the server looks.
   */
  dial: route<DialMissingResult, Params, undefined, typeof S.dialMissingBodySchema>({
    method: "POST",
    path: "/api/conferences/:conferenceId/invites/dial",
    summary: "Dial everyone missing: conference callouts to the confirmed invitees not in the room",
    permission: "invites:dial",
    kind: "callout",
    reply: json(),
  }),
};
