/**
 * Expected attendees' limits and words (issue 13, item 5), shared by the repository
 * (lib/db/invites.ts), lib/invites and the page. Pure and client-safe.
 */

/** Invitees one conference may have. */
export const INVITES_MAX = 500;
/** Characters one paste of numbers may hold. */
export const INVITES_PASTE_MAX_CHARS = 50_000;
/** A pasted label's length (as a callout's label). */
export const INVITE_LABEL_MAX = 100;
/**
 * The Expected panel starts collapsed (a one-line summary) above this many invitees,
 * so a 40-person conference page keeps its participant list in view.
 */
export const INVITES_OPEN_MAX = 8;

/** Where an invitee stands: in the room now, never seen in it, or seen and gone. */
export const INVITE_STATUSES = ["present", "missing", "left"] as const;
export type InviteStatus = (typeof INVITE_STATUSES)[number];
