/**
 * The roles a Gavel user can have. Shared by the permission table (lib/auth), the
 * users feature and the database, which stores a user's role.
 */
export const ROLES = ["moderator", "support", "admin"] as const;
export type Role = (typeof ROLES)[number];
