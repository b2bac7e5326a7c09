/**
 * Where each invitee stands, from the invite list and the room: present (one of its
 * numbers is connected now), left (seen in the room before, not now) or missing (never
 * seen). The panel runs it on every poll with the live list; the server runs it again
 * before "Dial everyone missing", with a list fetched then, so only the missing are
 * called. Pure and client-safe.
 */
import type { InviteStatus, InviteView } from "./types";

export function inviteStatus(
  invite: Pick<InviteView, "matchNumbers" | "seen">,
  present: ReadonlySet<string>,
): InviteStatus {
  if (invite.matchNumbers.some((n) => present.has(n))) return "present";
  return invite.seen ? "left" : "missing";
}

export type InviteGroups = Record<InviteStatus, InviteView[]>;

/** The invitees by status, each group in list order. */
export function groupInvites(invites: readonly InviteView[], present: ReadonlySet<string>): InviteGroups {
  const groups: InviteGroups = { present: [], missing: [], left: [] };
  for (const i of invites) groups[inviteStatus(i, present)].push(i);
  return groups;
}

/** Who "Dial everyone missing" calls: the never-seen, and the left ones if asked. */
export function dialTargets(
  invites: readonly InviteView[],
  present: ReadonlySet<string>,
  includeLeft: boolean,
): InviteView[] {
  return invites.filter((i) => {
    const s = inviteStatus(i, present);
    return s === "missing" || (includeLeft && s === "left");
  });
}

/** What the panel shows for an invitee: the directory's name, else the pasted label, else nothing. */
export function inviteName(i: Pick<InviteView, "name" | "label">): string | null {
  return i.name ?? i.label ?? null;
}
