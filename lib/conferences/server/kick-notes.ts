/**
 * Remembers who kicked whom, so the attendance record can say who removed a
 * participant when it sees them leave. (Attendance itself is recorded from the
 * polled lists; this only annotates it.)
 */
import "server-only";
import type { AuditContext } from "../../audit/server/record";
import { processSingleton } from "../../util/server/process-singleton";

interface KickNote {
  at: number;
  actorEmail: string | null;
  reason?: string;
}

/** The most notes kept; past it the oldest go (attendance reads a note within a poll or two of the kick). */
export const MAX_KICK_NOTES = 10_000;

const notes = processSingleton("kickNotes", () => new Map<string, KickNote>());

/** How many notes are held (tests check it stays bounded). */
export function kickNoteCount(): number {
  return notes.size;
}

export async function noteKick(
  conferenceId: string,
  callId: string,
  actor: AuditContext["actor"],
  reason?: string,
): Promise<void> {
  notes.set(`${conferenceId}\u0000${callId}`, { at: Date.now(), actorEmail: actor?.email ?? null, reason });
  if (notes.size > MAX_KICK_NOTES) {
    const oldest = notes.keys().next().value;
    if (oldest !== undefined) notes.delete(oldest);
  }
}

export function kickNote(conferenceId: string, callId: string): KickNote | undefined {
  return notes.get(`${conferenceId}\u0000${callId}`);
}
