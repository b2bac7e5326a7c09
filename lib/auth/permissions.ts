/**
 * Who may do what. This table is the single source for the server's checks
 * (lib/api/server/handler.ts) and for what the UI hides or disables (with the reason).
 * It is client-safe: no server imports.
 */
import { ROLES, type Role } from "../vocabulary/roles";

export { ROLES, type Role };

export const PERMISSIONS = {
  /** See conferences and participants. */
  "conference:view": ["moderator", "support", "admin"],
  /** Name and pin conferences in Gavel's own list. */
  "conference:organize": ["moderator", "support", "admin"],
  /** Mute, unmute, hold, resume, kick one participant, and the same in bulk. */
  "participant:control": ["moderator", "admin"],
  /** End a meeting: kick all. */
  "conference:end": ["admin"],
  /** Take a conference off Gavel's list ("Forget"); its audit trail and attendance stay. */
  "conference:forget": ["admin"],
  /** Conference and text-to-speech callouts. */
  "callout:place": ["support", "admin"],
  /** Custom callouts (raw SVAML). */
  "callout:custom": ["admin"],
  /** The audit trail. */
  "audit:read": ["admin"],
  /**
   * A conference's attendance list (who was there, from when to when): personal
   * data, for the people who run meetings. Support sees the timeline on screen
   * (conference:view) but does not download the list.
   */
  "attendance:read": ["moderator", "admin"],
  /**
   * Who left a conference in the last ten minutes and why ("Left recently"): what the
   * room just lost, for everyone who watches it; support needs it to dial people back.
   */
  "attendance:recent": ["moderator", "support", "admin"],
  /** Users: list, add, change role, disable, reset password, end their sessions. */
  "users:manage": ["admin"],
  /** The directory of people: search it, see a contact, export it. */
  "directory:read": ["moderator", "support", "admin"],
  /** The directory: add, edit, delete and import contacts. */
  "directory:manage": ["support", "admin"],
  /**
   * "Name this number" from a conference row: add a contact with that one number, or
   * rename the contact holding it. Nothing else (no other fields, no deleting).
   */
  "directory:name-caller": ["moderator", "support", "admin"],
  /**
   * Room policies: turn mute on entry and the lobby on or off, and set the
   * conference's speakers. The people who run the meeting, as with moderation.
   */
  "policy:manage": ["moderator", "admin"],
  /** A conference's invite list and who on it is present, missing or gone ("Expected"). */
  "invites:read": ["moderator", "support", "admin"],
  /** Edit a conference's invite list: add from the directory or pasted numbers, remove. */
  "invites:manage": ["support", "admin"],
  /** "Dial everyone missing": conference callouts to the invitees not in the room. */
  "invites:dial": ["support", "admin"],
  /** End one's own sessions ("sign out everywhere"). */
  "session:own": ["moderator", "support", "admin"],
  /**
   * One's own API tokens: make (acting with one's own, current role), list, revoke.
   * Not through an API token: a token cannot make or revoke tokens.
   */
  "tokens:own": ["moderator", "support", "admin"],
  /** Anyone's API tokens: make one for a user, list and revoke theirs. */
  "tokens:manage": ["admin"],
  /** The API's description: /api/openapi.json and the console's API page. */
  "api:docs": ["moderator", "support", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | undefined | null, permission: Permission): boolean {
  return role != null && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

const WHO: Record<Permission, string> = {
  "conference:view": "Any signed-in user can see conferences",
  "conference:organize": "Any signed-in user can name and pin conferences",
  "participant:control": "Only moderators and admins can mute, hold or kick participants",
  "conference:end": "Only admins can end a meeting (kick all)",
  "conference:forget": "Only admins can forget a conference",
  "callout:place": "Only support staff and admins can place callouts",
  "callout:custom": "Only admins can place custom (SVAML) callouts",
  "audit:read": "Only admins can read the audit trail",
  "attendance:read": "Only moderators and admins can download attendance",
  "attendance:recent": "Any signed-in user can see who left recently",
  "users:manage": "Only admins can manage users",
  "directory:read": "Any signed-in user can read the directory",
  "directory:manage": "Only support staff and admins can change the directory",
  "directory:name-caller": "Any signed-in user can name a caller from a conference row",
  "policy:manage": "Only moderators and admins can set room policies",
  "invites:read": "Any signed-in user can see who is expected",
  "invites:manage": "Only support staff and admins can change who is expected",
  "invites:dial": "Only support staff and admins can dial the invitees who are missing",
  "session:own": "Any signed-in user can end their own sessions",
  "tokens:own": "Any signed-in user can manage their own API tokens",
  "tokens:manage": "Only admins can manage other users' API tokens",
  "api:docs": "Any signed-in user can read the API's description",
};

/** The sentence the UI shows on hover/focus, and the server puts in its 403. */
export function whyNot(permission: Permission): string {
  return WHO[permission];
}

export const ROLE_LABELS: Record<Role, string> = {
  moderator: "Moderator",
  support: "Support",
  admin: "Admin",
};

export function isRole(v: unknown): v is Role {
  return typeof v === "string" && (ROLES as readonly string[]).includes(v);
}
