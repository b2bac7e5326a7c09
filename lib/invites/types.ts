/** What the Expected panel draws and the invites API answers: plain types, no zod. */
import type { BatchResponse } from "../callouts/types";
import type { InviteStatus } from "../vocabulary/invites";

export type { InviteStatus };

/** One invitee as the API shows it. Times are ISO strings. */
export interface InviteView {
  /** E.164: the invitee's identity, and the number "Dial everyone missing" calls. */
  number: string;
  /** What the number was pasted with, if anything. */
  label: string | null;
  /** Who the directory says holds the number now. */
  name: string | null;
  /**
   * The numbers that count as this invitee being in the room: its own and, when the
   * directory has it, its contact's other numbers (someone invited on their desk
   * phone who joins from their mobile is present).
   */
  matchNumbers: string[];
  /** Attendance saw one of matchNumbers in this conference at some time. */
  seen: boolean;
  addedBy: string | null;
  addedAt: string;
}

export interface InvitesResponse {
  conferenceId: string;
  invites: InviteView[];
}

/** A pasted line (or a directory number) that could not be added, and why. */
export interface InviteLineError {
  /** 1-based line of the paste (position in `numbers` for a directory add). */
  line: number;
  number: string;
  message: string;
}

export interface AddInvitesResult extends InvitesResponse {
  /** Numbers added (E.164). */
  added: string[];
  /** Numbers already on the list, left as they were. */
  already: string[];
  errors: InviteLineError[];
}

export interface RemoveInviteResult extends InvitesResponse {
  removed: boolean;
}

/** A confirmed number that was not dialled, and why. */
export interface DialSkipped {
  number: string;
  reason: "present" | "left" | "not_invited";
}

export interface DialMissingResult {
  /** The dial list's answer (its rows show progress), or null when nobody was left to call. */
  batch: BatchResponse | null;
  skipped: DialSkipped[];
}
