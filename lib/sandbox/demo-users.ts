import type { Role } from "../auth/permissions";

/**
 * The sandbox's demo accounts, one per role. Their passwords are published (README,
 * sign-in page), so they exist only in a sandbox database: created on a sandbox
 * start, shown on the sign-in page in sandbox mode only, and a non-sandbox start
 * refuses to run while any of them is in its database (lib/sandbox/guard.ts).
 */
export const DEMO_USERS: readonly { email: string; name: string; role: Role; password: string }[] = [
  { email: "moderator@gavel.test", name: "Maja Moderator", role: "moderator", password: "moderator-sandbox" },
  { email: "support@gavel.test", name: "Sam Support", role: "support", password: "support-sandbox" },
  { email: "admin@gavel.test", name: "Ada Admin", role: "admin", password: "admin-sandbox" },
];

/** The demo accounts' emails (stored lower-case, as these are). */
export const DEMO_EMAILS: readonly string[] = DEMO_USERS.map((u) => u.email);

export function isDemoEmail(email: string): boolean {
  return DEMO_EMAILS.includes(email.trim().toLowerCase());
}
