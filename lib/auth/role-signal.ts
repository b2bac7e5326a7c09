/**
 * What the API says about the signed-in person's role, for pages already open: every
 * answer from apiRoute carries the role the server judged the request by (ROLE_HEADER),
 * and a 403 says the page asked for something its person may no longer do. The
 * browser's fetch wrapper reports both here; the shell's RoleWatcher listens and
 * re-reads the session when they contradict the page. Client-safe, no React.
 */
import type { Role } from "./permissions";

export const ROLE_HEADER = "x-gavel-role";

export type RoleSignal = { kind: "role"; role: string } | { kind: "forbidden" };

const listeners = new Set<(signal: RoleSignal) => void>();

/** Listen to what answers say about the role; returns the unsubscribe. */
export function onRoleSignal(listener: (signal: RoleSignal) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Called by the fetch wrapper for each answer it reads. */
export function reportAnswer(status: number, roleHeader: string | null): void {
  if (listeners.size === 0) return;
  const signals: RoleSignal[] = [];
  if (roleHeader) signals.push({ kind: "role", role: roleHeader });
  if (status === 403) signals.push({ kind: "forbidden" });
  for (const signal of signals) for (const l of listeners) l(signal);
}

/** Whether a signal contradicts the role the page was drawn for. */
export function contradicts(signal: RoleSignal, pageRole: Role): boolean {
  return signal.kind === "forbidden" || signal.role !== pageRole;
}
