import type { Role } from "../auth/permissions";

/**
 * The sandbox's demo accounts, one per role. Created on the first sandbox start
 * and shown on the sign-in page in sandbox mode only; never outside it.
 */
export const DEMO_USERS: readonly { email: string; name: string; role: Role; password: string }[] = [
  { email: "moderator@gavel.test", name: "Maja Moderator", role: "moderator", password: "moderator-sandbox" },
  { email: "support@gavel.test", name: "Sam Support", role: "support", password: "support-sandbox" },
  { email: "admin@gavel.test", name: "Ada Admin", role: "admin", password: "admin-sandbox" },
];
